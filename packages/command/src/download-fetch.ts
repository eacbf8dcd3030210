import process from "node:process";
import { createNodeHttpFetch, type NodeHttpFetch } from "./node-http-fetch.js";

/**
 * The `fetch` the photo downloads of `download` and `harvest` use: under Node, one on node:http (undici's fetch cost about
 * 0.8 ms of CPU per photo against 0.5 ms for this one, measured on the bench's list); under Bun
 * and Deno their own fetch (Bun's costs about 0.1 ms), so `undefined`.
 */
export function downloadFetch(): NodeHttpFetch | undefined {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  if (g.Bun !== undefined || g.Deno !== undefined || typeof process.versions?.node !== "string") return undefined;
  return createNodeHttpFetch();
}
