import {
  controlResponse,
  drawFault,
  type EmulatorRequest,
  type EmulatorResponse,
  FaultPlan,
  IMAGE_CONTENT_TYPES,
  isControlPath,
  mapLines,
  type Reply,
  RequestLimits,
  StatsCounter,
} from "@cat-harvest/emulator-kit";
import { type BreedObject, breedObject } from "./breed-object.js";
import { BREED_TABLE } from "./breed-table.js";
import { type Dataset, formatOf, imageSize } from "./dataset.js";
import { imageParts } from "./image-content.js";
import { parseImageFilter } from "./image-filter.js";
import { ImageSearcher, parseImageSearch } from "./image-search.js";
import { imageAtPath, imageUrl } from "./image-urls.js";
import type { FaultKind, ResolvedCatApiEmulatorOptions } from "./options.js";
import { invalidKey, methodNotAllowed, noSuchImage, notFound, ok, quotaSpent, rateLimited, serverError } from "./replies.js";
import { truthEntries, truthLine } from "./truth.js";

/** An image as the API lists it. */
export interface ImageObject {
  breeds: BreedObject[];
  id: string;
  url: string;
  width: number;
  height: number;
}

/** The Cat API without sockets: routes a request to a response (the kit's server sends it). */
export class CatApiCore {
  readonly stats = new StatsCounter();
  readonly #faults: FaultPlan<FaultKind>;
  readonly #limits: RequestLimits;
  readonly #searcher: ImageSearcher;
  readonly #breeds: readonly BreedObject[];

  constructor(
    readonly data: Dataset,
    readonly origin: string,
    readonly options: ResolvedCatApiEmulatorOptions,
  ) {
    this.#faults = new FaultPlan(options.seed, options.faultRate, options.faultKinds);
    this.#limits = new RequestLimits(options.rateLimit, options.monthlyLimit, "month");
    this.#searcher = new ImageSearcher(data);
    this.#breeds = BREED_TABLE.map((_, b) => breedObject(data.seed, b, data.byBreed[b]![0] === undefined ? undefined : data.ids[data.byBreed[b]![0]!]));
  }

  handle(req: EmulatorRequest): EmulatorResponse {
    const url = new URL(req.url, "http://emulator.invalid");
    const path = url.pathname;
    if (isControlPath(path)) return this.#control(req.method, url);
    if (path === "/v1" || path.startsWith("/v1/")) return this.#api(req, url);
    return this.#image(req, path);
  }

  #draw(req: EmulatorRequest, route: string) {
    return drawFault(this.#faults, this.stats, req, route, (status) => (status === 429 ? rateLimited(this.options.rateLimit || 10) : serverError(status)));
  }

  #control(method: string, url: URL): EmulatorResponse {
    return controlResponse(method, url, {
      stats: this.stats,
      truth: (search) => {
        const entries = truthEntries(this.origin, this.data, parseImageFilter(search));
        return mapLines(entries, truthLine);
      },
      ok: (body) => ok(body),
      methodNotAllowed,
      notFound,
    });
  }

  #image(req: EmulatorRequest, path: string): EmulatorResponse {
    const route = `${req.method === "HEAD" ? "GET" : req.method} image`;
    if (req.method !== "GET" && req.method !== "HEAD") return this.stats.reply(route, methodNotAllowed("GET, HEAD"));
    const i = imageAtPath(this.data, path);
    if (i < 0) return this.stats.reply(route, { status: 404, headers: { "content-type": "text/plain" }, body: "Not Found\n" });
    const { early, wireFault } = this.#draw(req, route);
    if (early) return early;
    this.stats.count(route, 200);
    const headers = {
      "content-type": IMAGE_CONTENT_TYPES[formatOf(this.data.format[i]!).format],
      "cache-control": "max-age=31536000",
      "access-control-allow-origin": "*",
    };
    return { kind: "image", head: req.method === "HEAD", headers, parts: imageParts(this.data, i), ...(wireFault ? { wireFault } : {}) };
  }

  #api(req: EmulatorRequest, url: URL): EmulatorResponse {
    const segments = url.pathname.replace(/\/+$/, "").split("/").slice(2);
    const routeName = apiRouteName(segments);
    const route = `${req.method} ${routeName}`;
    if (routeName === "unknown") return this.stats.reply(route, notFound());
    const { early, wireFault } = this.#draw(req, route);
    if (early) return early;
    if (req.method !== "GET" && req.method !== "HEAD") return this.stats.reply(route, methodNotAllowed("GET"));
    const limit = this.#limits.check(this.options.now());
    if (!limit.ok) {
      return this.stats.reply(route, limit.kind === "quota" ? quotaSpent(this.options.monthlyLimit, limit.retryAfter) : rateLimited(this.options.rateLimit));
    }
    const key = header(req.headers["x-api-key"]);
    if (key !== undefined && !this.options.apiKeys.includes(key)) return this.stats.reply(route, invalidKey());
    return this.stats.reply(route, this.#data(segments, url, key !== undefined), wireFault);
  }

  #data(segments: readonly string[], url: URL, keyed: boolean): Reply {
    const [first, second] = segments;
    if (first === "breeds") return ok(this.#breeds);
    if (second === "search") {
      const query = parseImageSearch(url.searchParams, keyed, this.options.maxLimit);
      const page = this.#searcher.run(query, url.search);
      const body = page.images.map((i) => this.#imageObject(i, keyed));
      if (!query.paged) return ok(body);
      return ok(body, { "Pagination-Count": String(page.total), "Pagination-Page": String(query.page), "Pagination-Limit": String(query.limit) });
    }
    const i = this.data.indexById.get(second!);
    return i === undefined ? noSuchImage(second!) : ok(this.#imageObject(i, keyed));
  }

  #imageObject(i: number, keyed: boolean): ImageObject {
    const b = this.data.breed[i]!;
    const [width, height] = imageSize(this.data, i);
    return { breeds: keyed && b >= 0 ? [this.#breeds[b]!] : [], id: this.data.ids[i]!, url: imageUrl(this.origin, this.data, i), width, height };
  }
}

function apiRouteName(segments: readonly string[]): string {
  const [a, b] = segments;
  if (a === "breeds" && segments.length === 1) return "/v1/breeds";
  if (a === "images" && b === "search" && segments.length === 2) return "/v1/images/search";
  if (a === "images" && b !== undefined && segments.length === 2) return "/v1/images/{id}";
  return "unknown";
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
