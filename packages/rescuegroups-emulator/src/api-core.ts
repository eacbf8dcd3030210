import {
  controlResponse,
  drawFault,
  type EmulatorRequest,
  type EmulatorResponse,
  FaultPlan,
  isControlPath,
  mapLines,
  type Reply,
  RequestLimits,
  StatsCounter,
} from "@cat-harvest/emulator-kit";
import { animalResource, pictureResource } from "./animal-resource.js";
import { AnimalSearcher } from "./animal-search.js";
import { BREEDS, SPECIES } from "./breed-table.js";
import { type Dataset, indexOfId, picturesOf } from "./dataset.js";
import { listDocument, okReply } from "./documents.js";
import type { FaultKind, ResolvedRescueGroupsEmulatorOptions } from "./options.js";
import { pictureParts } from "./picture-content.js";
import { pictureAtPath } from "./picture-urls.js";
import { methodNotAllowed, notFound, quotaSpent, rateLimited, serverError, unauthorized } from "./replies.js";
import { type ApiRoute, apiRoute } from "./routes.js";
import { parseFilters } from "./search-filters.js";
import { parseTruthFilter, truthEntries, truthLine } from "./truth.js";

/** The largest `limit` a page takes (a larger one is cut to it), and the default. */
export const MAX_LIMIT = 250;
const DEFAULT_LIMIT = 25;

/** RescueGroups v5 without sockets: routes a request to a response (the kit's server sends it). */
export class RescueGroupsCore {
  readonly stats = new StatsCounter();
  readonly #faults: FaultPlan<FaultKind>;
  readonly #limits: RequestLimits;
  readonly #searcher: AnimalSearcher;

  constructor(
    readonly data: Dataset,
    readonly origin: string,
    readonly options: ResolvedRescueGroupsEmulatorOptions,
  ) {
    this.#faults = new FaultPlan(options.seed, options.faultRate, options.faultKinds);
    this.#limits = new RequestLimits(options.rateLimit, options.dailyLimit, "day");
    this.#searcher = new AnimalSearcher(data, origin);
  }

  handle(req: EmulatorRequest): EmulatorResponse {
    const url = new URL(req.url, "http://emulator.invalid");
    if (isControlPath(url.pathname)) return this.#control(req.method, url);
    if (url.pathname === "/v5" || url.pathname.startsWith("/v5/")) return this.#api(req, url);
    return this.#picture(req, url);
  }

  #fault(req: EmulatorRequest, route: string) {
    return drawFault(this.#faults, this.stats, req, route, (status) => (status === 429 ? rateLimited(this.options.rateLimit || 10) : serverError(status)));
  }

  #control(method: string, url: URL): EmulatorResponse {
    return controlResponse(method, url, {
      stats: this.stats,
      truth: (search) => {
        const filter = parseTruthFilter(search);
        if ("status" in filter) return filter;
        const entries = truthEntries(this.origin, this.data, filter);
        return mapLines(entries, truthLine);
      },
      ok: okReply,
      methodNotAllowed,
      notFound: () => notFound("No such emulator route; try /_emulator/truth or /_emulator/stats."),
    });
  }

  #picture(req: EmulatorRequest, url: URL): EmulatorResponse {
    const route = `${req.method === "HEAD" ? "GET" : req.method} picture`;
    if (req.method !== "GET" && req.method !== "HEAD") return this.stats.reply(route, methodNotAllowed("GET, HEAD"));
    const found = pictureAtPath(this.data, url.pathname, url.searchParams.get("width"));
    if (!found) return this.stats.reply(route, { status: 404, headers: { "content-type": "text/plain" }, body: "Not Found\n" });
    const { early, wireFault } = this.#fault(req, route);
    if (early) return early;
    this.stats.count(route, 200);
    const headers = { "content-type": "image/jpeg", "cache-control": "max-age=31536000", "access-control-allow-origin": "*" };
    return { kind: "image", head: req.method === "HEAD", headers, parts: pictureParts(this.data, found.p, found.size), ...(wireFault ? { wireFault } : {}) };
  }

  #api(req: EmulatorRequest, url: URL): EmulatorResponse {
    const route = apiRoute(url.pathname);
    const name = `${req.method} ${route.name}`;
    if (route.kind === "unknown") return this.stats.reply(name, notFound(`No route for ${req.method} ${url.pathname}.`));
    const { early, wireFault } = this.#fault(req, name);
    if (early) return early;
    const allowed = route.kind === "animal" || route.kind === "breeds" ? ["GET"] : ["GET", "POST"];
    if (!allowed.includes(req.method)) return this.stats.reply(name, methodNotAllowed(allowed.join(", ")));
    const key = header(req.headers.authorization);
    if (key === undefined || !this.options.apiKeys.includes(key)) return this.stats.reply(name, unauthorized(key === undefined || key === ""));
    const limit = this.#limits.check(this.options.now());
    if (!limit.ok)
      return this.stats.reply(name, limit.kind === "quota" ? quotaSpent(this.options.dailyLimit, limit.retryAfter) : rateLimited(this.options.rateLimit));
    return this.stats.reply(name, this.#answer(route, req, url), wireFault);
  }

  #answer(route: Exclude<ApiRoute, { kind: "unknown" }>, req: EmulatorRequest, url: URL): Reply {
    const paging = pagingOf(url.searchParams);
    const transaction = `${req.method} ${req.url} ${req.body}`;
    if (route.kind === "breeds") {
      if (route.species !== undefined && !SPECIES.includes(route.species)) return notFound(`"${route.species}" is not a species.`);
      const rows = BREEDS.filter((b) => route.species === undefined || b.species === route.species);
      const slice = rows.slice((paging.page - 1) * paging.limit, paging.page * paging.limit);
      return listDocument(
        slice.map((b) => ({ type: "breeds", id: b.id, attributes: { name: b.name } })),
        undefined,
        { ...paging, count: rows.length },
        transaction,
      );
    }
    const withPictures = (url.searchParams.get("include") ?? "").split(",").includes("pictures");
    if (route.kind === "animal") {
      const i = /^\d+$/.test(route.id) ? indexOfId(this.data.animalIds, Number(route.id)) : -1;
      if (i < 0) return notFound(`No animal with id ${route.id}.`);
      return this.#page([i], withPictures, { page: 1, limit: 1, count: 1 }, transaction);
    }
    if (!SPECIES.includes(route.species)) return notFound(`"${route.species}" is not a species; search one species per call.`);
    const filters = parseFilters(req.body);
    if (!Array.isArray(filters)) return filters;
    // Only cats are generated: other species' searches are valid and empty.
    const hits = route.species === "cats" ? this.#searcher.run({ filters, hasPictures: route.hasPictures }) : new Int32Array(0);
    const slice = Array.from(hits.subarray((paging.page - 1) * paging.limit, paging.page * paging.limit));
    return this.#page(slice, withPictures, { ...paging, count: hits.length }, transaction);
  }

  #page(animals: readonly number[], withPictures: boolean, paging: { page: number; limit: number; count: number }, transaction: string): Reply {
    const records = animals.map((i) => animalResource(this.origin, this.data, i));
    const included = withPictures ? animals.flatMap((i) => picturesOf(this.data, i).map((p) => pictureResource(this.origin, this.data, p))) : undefined;
    return listDocument(records, included, paging, transaction);
  }
}

/** `page` from 1 and `limit` up to 250, read leniently: anything else falls back to the defaults. */
function pagingOf(search: URLSearchParams): { page: number; limit: number } {
  const whole = (raw: string | null) => (raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined);
  const page = Math.max(1, whole(search.get("page")) ?? 1);
  const limit = Math.min(MAX_LIMIT, Math.max(1, whole(search.get("limit")) ?? DEFAULT_LIMIT));
  return { page, limit };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
