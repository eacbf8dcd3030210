import { createMemoryLock } from "@cat-harvest/storage";
import { describeLockStore } from "./index.js";

// The reference lock store: exact, so the suite's expectations are the mechanism's.
describeLockStore("memory", () => createMemoryLock());
