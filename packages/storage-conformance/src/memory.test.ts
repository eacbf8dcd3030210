import { createMemoryStorage, type MemoryStorage } from "@cat-harvest/storage";
import { describeStorageAdapter } from "./index.js";

// The reference adapter: the suite's expectations are the interface's, so memory passes them.
describeStorageAdapter<MemoryStorage>("memory", () => createMemoryStorage(), {
  capabilities: { read: true, list: true, replace: true, write: true },
  inspect: async (closed) => new Map([...closed.objects].map(([key, bytes]) => [key, bytes.slice()])),
});
