import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void | Promise<void>;

export interface TestServer {
  readonly url: string;
  /** Requests seen per path (without query). */
  readonly hits: Map<string, number>;
  /** Request headers of the last request per path. */
  readonly lastHeaders: Map<string, IncomingMessage["headers"]>;
  /** Most requests that were open at once. */
  readonly peak: () => number;
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

/** A loopback HTTP server whose routes a test defines, counting hits per path. */
export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const hits = new Map<string, number>();
  const lastHeaders = new Map<string, IncomingMessage["headers"]>();
  let open = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    lastHeaders.set(path, req.headers);
    open++;
    peak = Math.max(peak, open);
    res.on("close", () => open--);
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { "content-type": "text/plain" }).end("no such route");
      return;
    }
    Promise.resolve(handler(req, res, hit)).catch((error) => {
      res.destroy(error as Error);
    });
  });
  // Sockets are tracked so close() does not wait for stalled responses.
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    lastHeaders,
    peak: () => peak,
    route: (path, handler) => void routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends `body` whole, with Content-Length. */
export const sendBytes = (res: ServerResponse, body: Uint8Array, type = "image/jpeg", extra: Record<string, string> = {}) => {
  res.writeHead(200, { "content-type": type, "content-length": String(body.byteLength), ...extra });
  res.end(body);
};
