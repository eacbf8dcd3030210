import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LocalServer {
  /** The API root, e.g. `http://127.0.0.1:1234/v1`. */
  readonly apiUrl: string;
  /** Requests seen, as paths with their query. */
  readonly paths: string[];
  close(): Promise<void>;
}

/** A purpose-built HTTP server on loopback that answers exactly as a test needs. */
export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? "/");
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) json(res, 599, { message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/v1`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A valid image as the API lists it. */
export function image(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { breeds: [{ id: "beng", name: "Bengal" }], id, url: `https://cdn2.thecatapi.com/images/${id}.jpg`, width: 800, height: 600, ...extra };
}
