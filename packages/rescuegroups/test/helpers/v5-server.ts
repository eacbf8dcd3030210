// A purpose-built RescueGroups.org v5 server on 127.0.0.1, speaking JSON:API as the reference
// (rescuegroups-v5.md) describes, quirks included, plus scripted faults. Tests reach it only
// through `RescueGroupsTestServer` (a URL, a key, the requests seen, faults, stop), so the
// faithful RescueGroups emulator can take its place without touching the tests' assertions.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { TEST_BREEDS, animalResource, errorDocument, listDocument, pictureResource, type TestAnimal, type TestBreed } from "./v5-data.ts";

export interface SeenRequest {
  readonly method: string;
  /** The path and query, e.g. `/v5/public/animals/search/available/cats/haspic?include=pictures&limit=250&page=1`. */
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** A scripted misbehaviour for the next matching request(s), answered before anything else. */
export interface Fault {
  readonly status?: number;
  /** A JSON body, or a string sent as it is (a body that is not JSON). */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Wait this long before answering (a stall). */
  readonly delayMs?: number;
  /** Drop the connection without an answer. */
  readonly reset?: boolean;
  /** Only requests this accepts (default: every request). */
  readonly match?: (request: SeenRequest) => boolean;
}

export interface RescueGroupsTestServerOptions {
  /** The key the server accepts. @default "rg-test-key-5f2c9e" */
  readonly apiKey?: string;
  readonly breeds?: readonly TestBreed[];
  readonly animals?: readonly TestAnimal[];
  /** How pictures' sizes are written unless a picture says: `{ url }` objects or plain strings. @default "object" */
  readonly pictureShape?: "object" | "string";
  /** The port on 127.0.0.1. @default 0 (any free port) */
  readonly port?: number;
}

export interface RescueGroupsTestServer {
  /** The API root, `/v5` included: pass it as `baseUrl`. */
  readonly url: string;
  readonly apiKey: string;
  readonly requests: readonly SeenRequest[];
  /** Answers the next `times` matching requests with `fault`. */
  readonly fault: (fault: Fault, times?: number) => void;
  readonly stop: () => Promise<void>;
}

const JSON_API = "application/vnd.api+json";
/** Animal fields this server filters on; any other `animals.` field is "not a valid filter field". */
const FILTER_FIELDS = new Set(["id", "name", "sex", "breedPrimary", "breedPrimaryId", "breedSecondary", "breedSecondaryId"]);

export async function startRescueGroupsTestServer(options: RescueGroupsTestServerOptions = {}): Promise<RescueGroupsTestServer> {
  const apiKey = options.apiKey ?? "rg-test-key-5f2c9e";
  const requests: SeenRequest[] = [];
  const faults: Array<{ fault: Fault; left: number }> = [];
  const state: ServerState = { apiKey, breeds: options.breeds ?? TEST_BREEDS, animals: options.animals ?? [], pictureShape: options.pictureShape ?? "object" };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: SeenRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      authorization: req.headers.authorization,
      contentType: req.headers["content-type"],
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(seen);
    const planned = faults.find((f) => f.left > 0 && (f.fault.match?.(seen) ?? true));
    if (planned) {
      planned.left--;
      return playFault(planned.fault, req, res);
    }
    const [status, body] = route(state, seen);
    send(req, res, status, body);
  };
  const server = createServer(
    (req, res) => void serve(req, res).catch((error: unknown) => send(req, res, 599, errorDocument(599, "test server", String(error)))),
  );
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v5`,
    apiKey,
    requests,
    fault: (fault, times = 1) => void faults.push({ fault, left: times }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface ServerState {
  readonly apiKey: string;
  readonly breeds: readonly TestBreed[];
  readonly animals: readonly TestAnimal[];
  readonly pictureShape: "object" | "string";
}

/** The body gzipped when the client takes it, as the real API answers. */
function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const bytes = gzip ? gzipSync(text) : Buffer.from(text);
  res.writeHead(status, { "content-type": JSON_API, "content-length": bytes.length, ...(gzip ? { "content-encoding": "gzip" } : {}), ...headers });
  res.end(bytes);
}

async function playFault(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.reset) return void req.socket.destroy();
  send(req, res, fault.status ?? 200, fault.body ?? {}, fault.headers);
}

function route(state: ServerState, seen: SeenRequest): [number, unknown] {
  const url = new URL(seen.path, "http://localhost");
  if (seen.authorization !== state.apiKey) {
    // Echoes what it got, as a careless server might: the client must redact it.
    return [401, errorDocument(401, "Unauthorized", `The API key '${seen.authorization ?? ""}' is not valid. Send the raw key as the Authorization header.`)];
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (path === "/v5/public/animals/breeds" || path === "/v5/public/animals/breeds/search/cats") return listBreeds(state, url);
  const search = /^\/v5\/public\/animals\/search\/available\/([^/]+)(\/haspic)?$/.exec(path);
  if (search && search[1] === "cats") return searchCats(state, url, seen);
  return [404, errorDocument(404, "Not Found", `No route for ${seen.method} ${url.pathname}`)];
}

function paging(url: URL): { page: number; limit: number } {
  const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
  const limit = Math.min(250, Math.max(1, Number(url.searchParams.get("limit") ?? 25) || 25));
  return { page, limit };
}

function listBreeds(state: ServerState, url: URL): [number, unknown] {
  const { page, limit } = paging(url);
  const slice = state.breeds.slice((page - 1) * limit, page * limit).map((b) => ({ type: "breeds", id: b.id, attributes: { name: b.name } }));
  return [200, listDocument(slice, [], page, limit, state.breeds.length)];
}

interface WireFilter {
  fieldName?: unknown;
  operation?: unknown;
  criteria?: unknown;
}

function searchCats(state: ServerState, url: URL, seen: SeenRequest): [number, unknown] {
  let filters: WireFilter[] = [];
  if (seen.body !== "") {
    let body: { data?: { filters?: WireFilter[] } };
    try {
      body = JSON.parse(seen.body) as typeof body;
    } catch {
      return [400, errorDocument(400, "Bad Request", "The request body is not JSON.")];
    }
    filters = body.data?.filters ?? [];
  }
  for (const [i, filter] of filters.entries()) {
    const name = String(filter.fieldName);
    if (!name.startsWith("animals.") || !FILTER_FIELDS.has(name.slice("animals.".length))) {
      return [400, errorDocument(400, "Bad Request", `"${name}" is not a valid filter field`, { pointer: `/data/filters/${i}/fieldName` })];
    }
  }
  const matches = state.animals.filter((animal) => filters.every((filter) => holds(animal, filter)));
  const { page, limit } = paging(url);
  const slice = matches.slice((page - 1) * limit, page * limit);
  const withPictures = url.searchParams.get("include")?.split(",").includes("pictures") ?? false;
  const included = withPictures ? slice.flatMap((a) => a.pictures.map((p) => pictureResource(p, state.pictureShape))) : [];
  return [200, listDocument(slice.map(animalResource), included, page, limit, matches.length)];
}

function holds(animal: TestAnimal, { fieldName, operation, criteria }: WireFilter): boolean {
  const value = String((animal as unknown as Record<string, unknown>)[String(fieldName).slice("animals.".length)] ?? "").toLowerCase();
  const wanted = String(criteria).toLowerCase();
  if (operation === "contains") return value.includes(wanted);
  if (operation === "notequal") return value !== wanted;
  return value === wanted;
}
