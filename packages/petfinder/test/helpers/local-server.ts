import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the local server saw. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void | Promise<void>;

export interface LocalServer {
  /** The API root, e.g. `http://127.0.0.1:1234`. */
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Requests to one path (query excluded). */
  count(path: string): number;
  close(): Promise<void>;
}

/** A purpose-built HTTP server on loopback that misbehaves exactly as a test needs. */
export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: SeenRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      authorization: req.headers.authorization,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(seen);
    try {
      await handler(req, res, seen);
    } catch (error) {
      if (!res.headersSent) json(res, 599, { detail: String(error) });
    }
  };
  // Every failure is answered inside serve, so the promise never rejects.
  const server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (path) => requests.filter((r) => r.path.split("?")[0] === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  const type = status >= 400 ? "application/problem+json" : "application/json";
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Answers a token request with `token`. */
export function token(res: ServerResponse, value: string, expiresIn = 3600): void {
  json(res, 200, { token_type: "Bearer", expires_in: expiresIn, access_token: value });
}

/** A valid animal as the v2 API lists it. */
export function animal(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    organization_id: "OR1",
    url: `https://www.petfinder.com/cat/x-${id}/`,
    type: "Cat",
    species: "Cat",
    breeds: { primary: "Bengal", secondary: null, mixed: false, unknown: false },
    colors: { primary: null, secondary: null, tertiary: null },
    age: "Young",
    gender: "Female",
    size: "Small",
    coat: "Short",
    attributes: { spayed_neutered: true, house_trained: true, declawed: false, special_needs: false, shots_current: true },
    environment: { children: null, dogs: null, cats: true },
    tags: [],
    name: `Cat ${id}`,
    description: null,
    organization_animal_id: null,
    photos: [],
    primary_photo_cropped: null,
    videos: [],
    status: "adoptable",
    status_changed_at: "2024-11-07T03:27:19+0000",
    published_at: "2024-11-07T03:27:19+0000",
    distance: null,
    contact: { email: null, phone: null, address: { address1: null, address2: null, city: "Salem", state: "OR", postcode: "97301", country: "US" } },
    _links: { self: { href: `/v2/animals/${id}` } },
    ...extra,
  };
}

/** One page of `GET /v2/animals`. */
export function animalsPage(animals: unknown[], page = 1, totalPages = 1): Record<string, unknown> {
  return {
    animals,
    pagination: { count_per_page: animals.length, total_count: animals.length * totalPages, current_page: page, total_pages: totalPages, _links: {} },
  };
}
