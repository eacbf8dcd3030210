import { jsonLinesResponse, replyResponse, type EmulatorResponse, type Reply } from "./responses.js";
import type { StatsCounter } from "./stats.js";

/** Whether a path is one of the emulator's own (never delayed, limited or faulted). */
export function isControlPath(path: string): boolean {
  return path.startsWith("/_emulator/");
}

/** What an emulator plugs into the control routes: its truth lines and its own reply bodies. */
export interface ControlRoutes {
  readonly stats: StatsCounter;
  /** The truth's JSON lines for a query, or a reply refusing the query (say, a 400). */
  truth(search: URLSearchParams): Iterable<string> | Reply;
  ok(body: unknown): Reply;
  methodNotAllowed(allow: string): Reply;
  notFound(): Reply;
}

/** `GET /_emulator/stats` (the counters as JSON) and `GET /_emulator/truth` (JSON lines, streamed); counted in the stats. */
export function controlResponse(method: string, url: URL, routes: ControlRoutes): EmulatorResponse {
  const path = url.pathname.replace(/\/+$/, "");
  const route = `${method} ${path}`;
  const reply = (r: Reply) => {
    routes.stats.count(route, r.status);
    return replyResponse(r);
  };
  if (method !== "GET") return reply(routes.methodNotAllowed("GET"));
  if (path === "/_emulator/stats") {
    routes.stats.count(route, 200);
    return replyResponse(routes.ok(routes.stats.snapshot()));
  }
  if (path === "/_emulator/truth") {
    const lines = routes.truth(url.searchParams);
    if ("status" in lines) return reply(lines);
    routes.stats.count(route, 200);
    return jsonLinesResponse(lines);
  }
  return reply(routes.notFound());
}
