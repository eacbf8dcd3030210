import { animalObject } from "./animal-view.js";
import { AnimalSearcher, parseAnimalSearch } from "./animal-search.js";
import { ANIMAL_TYPES, findAnimalType } from "./catalog.js";
import {
  controlResponse,
  type EmulatorResponse,
  isControlPath,
  isWireFault,
  replyResponse,
  RequestLimits,
  StatsCounter,
  type WireFault,
} from "@cat-harvest/emulator-kit";
import { type Dataset, indexOfAnimalId, STATUSES } from "./dataset.js";
import { FaultPlan, type FaultKind } from "./faults.js";
import type { ResolvedEmulatorOptions } from "./options.js";
import { parseOrganizationSearch, searchOrganizations } from "./organization-search.js";
import { organizationObject } from "./organization-view.js";
import { pagination } from "./pagination.js";
import { PHOTO_SIZES, type PhotoSize } from "./photo-sizes.js";
import { resolvePhotoPath } from "./photo-urls.js";
import { servedPhoto } from "./served-photo.js";
import { distanceMiles } from "./places.js";
import {
  invalidClient,
  invalidParams,
  type JsonReply,
  methodNotAllowed,
  notFound,
  ok,
  quotaExceeded,
  rateLimited,
  serverError,
  tokenInvalid,
  unsupportedGrant,
} from "./problems.js";
import type { EmulatorStats } from "./stats.js";
import { TokenIssuer } from "./token.js";
import { truthEntries, truthLine } from "./truth.js";

/** A request as the socket layer hands it over. */
export interface CoreRequest {
  readonly method: string;
  /** Path and query, e.g. "/v2/animals?type=cat". */
  readonly url: string;
  readonly authorization?: string | undefined;
  readonly contentType?: string | undefined;
  readonly body: string;
}

/** What the socket layer must send (the kit's responses). */
export type CoreResponse = EmulatorResponse;

/**
 * The emulator without sockets: routes a request to a response. The socket layer
 * (server.ts) reads bodies, adds latency and carries out wire faults.
 */
export class EmulatorCore {
  readonly stats = new StatsCounter<Pick<EmulatorStats, "tokens">>({ tokens: 0 });
  readonly #searcher: AnimalSearcher;
  readonly #faults: FaultPlan;
  readonly #limiter: RequestLimits;
  readonly #tokens: TokenIssuer;

  constructor(
    readonly data: Dataset,
    readonly origin: string,
    readonly options: ResolvedEmulatorOptions,
  ) {
    this.#searcher = new AnimalSearcher(data);
    this.#faults = new FaultPlan(options.seed, options.faultRate, options.faultKinds);
    this.#limiter = new RequestLimits(options.rateLimit, options.dailyLimit, "day");
    this.#tokens = new TokenIssuer(options.seed, options.clientId, options.clientSecret, options.tokenTtlSeconds);
  }

  handle(req: CoreRequest): CoreResponse {
    const url = new URL(req.url, "http://emulator.invalid");
    const path = url.pathname;
    if (isControlPath(path)) return this.#control(req, url);
    if (path.startsWith("/v2/") || path === "/v2") return this.#api(req, url);
    const route = `${req.method === "HEAD" ? "GET" : req.method} photo`;
    if (req.method !== "GET" && req.method !== "HEAD") return this.#reply(route, methodNotAllowed("GET, HEAD"));
    const target = resolvePhotoPath(this.data, path, url.searchParams.get("width"));
    if (!target) {
      this.stats.count(route, 404);
      return { kind: "reply", reply: { status: 404, headers: { "content-type": "text/plain" }, body: "Not Found\n" } };
    }
    const fault = this.#faults.draw(req.method, req.url, "photo");
    const early = this.#earlyFault(route, fault);
    if (early) return early;
    const { parts } = servedPhoto(this.data, target.index, target.photo, target.size);
    this.stats.count(route, 200);
    const response: CoreResponse = {
      kind: "image",
      head: req.method === "HEAD",
      headers: {
        "content-type": "image/jpeg",
        "cache-control": "max-age=31536000",
        "access-control-allow-origin": "*",
      },
      parts,
      ...(isWireFault(fault) ? { wireFault: fault } : {}),
    };
    return response;
  }

  #reply(route: string, reply: JsonReply, wireFault?: WireFault): CoreResponse {
    this.stats.count(route, reply.status);
    return replyResponse(reply, wireFault);
  }

  /** Faults that replace the response: statuses, resets, early expiry (the caller handles the rest). */
  #earlyFault(route: string, fault: FaultKind | undefined): CoreResponse | undefined {
    if (!fault) return undefined;
    this.stats.fault(fault);
    switch (fault) {
      case "status-500":
        return this.#reply(route, serverError(500));
      case "status-502":
        return this.#reply(route, serverError(502));
      case "status-503":
        return this.#reply(route, serverError(503));
      case "status-429":
        return this.#reply(route, rateLimited(this.options.rateLimit || 50));
      case "reset":
        this.stats.count(route, "reset");
        return { kind: "reset" };
      case "early-expiry":
        return this.#reply(route, tokenInvalid());
      default:
        return undefined;
    }
  }

  #control(req: CoreRequest, url: URL): CoreResponse {
    return controlResponse(req.method, url, {
      stats: this.stats,
      truth: (search) => {
        const filter = parseTruthFilter(search);
        if (Array.isArray(filter)) return invalidParams(filter);
        const entries = truthEntries(this.origin, this.data, filter);
        return (function* () {
          for (const e of entries) yield truthLine(e);
        })();
      },
      ok,
      methodNotAllowed,
      notFound,
    });
  }

  #api(req: CoreRequest, url: URL): CoreResponse {
    const path = url.pathname.replace(/\/+$/, "");
    let segments: string[];
    try {
      segments = path
        .split("/")
        .slice(2)
        .map((s) => decodeURIComponent(s));
    } catch {
      return this.#reply(`${req.method} unknown`, notFound());
    }
    const routeName = apiRouteName(segments);
    const route = `${req.method} ${routeName}`;
    const isToken = routeName === "/v2/oauth2/token";
    const fault = routeName === "unknown" ? undefined : this.#faults.draw(req.method, req.url, isToken ? "token" : "api");
    const early = this.#earlyFault(route, fault);
    if (early) return early;
    const wireFault = isWireFault(fault) ? fault : undefined;

    if (isToken) {
      if (req.method !== "POST") return this.#reply(route, methodNotAllowed("POST"));
      return this.#reply(route, this.#token(req), wireFault);
    }
    if (req.method !== "GET" && req.method !== "HEAD") return this.#reply(route, methodNotAllowed("GET"));
    const now = this.options.now();
    const limit = this.#limiter.check(now);
    if (!limit.ok) {
      return this.#reply(route, limit.kind === "quota" ? quotaExceeded(this.options.dailyLimit, limit.retryAfter) : rateLimited(this.options.rateLimit));
    }
    if (!this.#tokens.verify(req.authorization, now)) return this.#reply(route, tokenInvalid());
    return this.#reply(route, this.#data(segments, url.searchParams), wireFault);
  }

  #token(req: CoreRequest): JsonReply {
    let fields: Record<string, unknown> = {};
    const body = req.body.trim();
    try {
      if ((req.contentType ?? "").includes("json") || body.startsWith("{")) {
        const parsed: unknown = JSON.parse(body);
        if (parsed && typeof parsed === "object") fields = parsed as Record<string, unknown>;
      } else {
        fields = Object.fromEntries(new URLSearchParams(body));
      }
    } catch {
      fields = {};
    }
    if (fields.grant_type !== "client_credentials") return unsupportedGrant();
    if (fields.client_id !== this.options.clientId || fields.client_secret !== this.options.clientSecret) return invalidClient();
    this.stats.stats.tokens++;
    const reply = ok({ token_type: "Bearer", expires_in: this.options.tokenTtlSeconds, access_token: this.#tokens.issue(this.options.now()) });
    return { ...reply, headers: { ...reply.headers, "content-type": "application/json; charset=UTF-8" } };
  }

  #data(segments: string[], search: URLSearchParams): JsonReply {
    const [first, second, third] = segments;
    const data = this.data;
    if (first === "types") {
      if (second === undefined) return ok({ types: ANIMAL_TYPES.map(typeObject) });
      const t = findAnimalType(second);
      if (t < 0) return notFound();
      const info = ANIMAL_TYPES[t]!;
      if (third === undefined) return ok({ type: typeObject(info) });
      if (third === "breeds" && segments.length === 3) {
        return ok({ breeds: info.breeds.map((name) => ({ name, _links: { type: { href: `/v2/types/${info.slug}` } } })) });
      }
      return notFound();
    }
    if (first === "animals") {
      if (second === undefined) {
        const parsed = parseAnimalSearch(data, search);
        if (Array.isArray(parsed)) return invalidParams(parsed);
        const hits = this.#searcher.run(parsed);
        const start = (parsed.page - 1) * parsed.limit;
        const animals = [];
        for (let k = start; k < Math.min(hits.length, start + parsed.limit); k++) {
          const i = hits[k]!;
          let distance: number | null = null;
          if (parsed.location) {
            const org = data.organizations[data.org[i]!]!;
            distance = Math.round(distanceMiles(parsed.location.latitude, parsed.location.longitude, org.latitude, org.longitude) * 10000) / 10000;
          }
          animals.push(animalObject(this.origin, data, i, distance));
        }
        return ok({ animals, pagination: pagination("/v2/animals", parsed.params, hits.length, parsed.page, parsed.limit) });
      }
      if (segments.length !== 2 || !/^\d+$/.test(second)) return notFound();
      const index = indexOfAnimalId(data, Number(second));
      return index < 0 ? notFound() : ok({ animal: animalObject(this.origin, data, index) });
    }
    if (first === "organizations") {
      if (second === undefined) {
        const parsed = parseOrganizationSearch(search);
        if (Array.isArray(parsed)) return invalidParams(parsed);
        const { hits, distances } = searchOrganizations(data, parsed);
        const start = (parsed.page - 1) * parsed.limit;
        const organizations = hits
          .slice(start, start + parsed.limit)
          .map((k) => organizationObject(data, data.organizations[k]!, distances ? Math.round(distances[k]! * 10000) / 10000 : null));
        return ok({ organizations, pagination: pagination("/v2/organizations", parsed.params, hits.length, parsed.page, parsed.limit) });
      }
      if (segments.length !== 2) return notFound();
      const k = data.organizationIndex.get(second.toUpperCase());
      return k === undefined ? notFound() : ok({ organization: organizationObject(data, data.organizations[k]!) });
    }
    return notFound();
  }
}

function apiRouteName(segments: string[]): string {
  const [a, b, c] = segments;
  if (a === "oauth2" && b === "token" && segments.length === 2) return "/v2/oauth2/token";
  if (a === "types") return b === undefined ? "/v2/types" : c === undefined ? "/v2/types/{type}" : "/v2/types/{type}/breeds";
  if (a === "animals") return b === undefined ? "/v2/animals" : "/v2/animals/{id}";
  if (a === "organizations") return b === undefined ? "/v2/organizations" : "/v2/organizations/{id}";
  return "unknown";
}

function typeObject(info: (typeof ANIMAL_TYPES)[number]) {
  return {
    name: info.name,
    coats: info.coats,
    colors: info.colors,
    genders: info.genders,
    _links: { self: { href: `/v2/types/${info.slug}` }, breeds: { href: `/v2/types/${info.slug}/breeds` } },
  };
}

function parseTruthFilter(search: URLSearchParams) {
  const errors: Array<{ in: "query"; path: string; message: string }> = [];
  const list = (name: string) =>
    search
      .get(name)
      ?.split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  const types = list("type")?.map((t) => {
    const i = findAnimalType(t);
    if (i < 0) errors.push({ in: "query", path: "type", message: `${t} is not a valid animal type.` });
    return i;
  });
  const statuses = list("status")?.map((s) => {
    const i = STATUSES.indexOf(s.toLowerCase() as never);
    if (i < 0) errors.push({ in: "query", path: "status", message: `${s} is not a valid status.` });
    return i;
  });
  const sizes = list("size")?.map((s) => {
    if (!PHOTO_SIZES.includes(s as PhotoSize)) errors.push({ in: "query", path: "size", message: `${s} is not a size class (${PHOTO_SIZES.join(", ")}).` });
    return s as PhotoSize;
  });
  if (errors.length > 0) return errors;
  return { ...(types ? { types } : {}), ...(statuses ? { statuses } : {}), ...(sizes ? { sizes } : {}) };
}
