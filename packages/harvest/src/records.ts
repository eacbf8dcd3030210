// src/cli (moving to @cat-harvest/command) imports the cache location from here; delete with it.
export type { RecordsCacheLocation } from "./records-cache.js";
