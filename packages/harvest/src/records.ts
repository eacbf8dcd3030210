// src/cli (moving to @cat-harvest/command) imports the cache location from here; delete with it.
export type { RecordsCacheLocation } from "./petfinder-records-cache.js";
