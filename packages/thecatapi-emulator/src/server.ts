import { IMAGE_FORMATS, serveCore } from "@cat-harvest/emulator-kit";
import { CatApiCore } from "./api-core.js";
import { createDataset, type Dataset } from "./dataset.js";
import { CatApiEmulatorListenError } from "./errors.js";
import { isTemplateReady, TEMPLATE_SIZES, templateImage } from "./image-templates.js";
import { type CatApiEmulatorOptions, type ResolvedCatApiEmulatorOptions, resolveCatApiEmulatorOptions } from "./options.js";
import type { RequestStats } from "@cat-harvest/emulator-kit";

/** A running emulator. */
export interface CatApiEmulator {
  /** The origin, without a trailing slash, e.g. "http://127.0.0.1:54321". Images are served under it. */
  readonly url: string;
  /** The API root a client takes as its base URL: `${url}/v1`. */
  readonly apiUrl: string;
  /** The options in force, defaults filled in. */
  readonly options: Readonly<ResolvedCatApiEmulatorOptions>;
  /** The generated data set. */
  readonly dataset: Dataset;
  /** Request counts so far (what /_emulator/stats serves). */
  stats(): RequestStats;
  /** Closes the server and every open connection, stalled ones included. */
  stop(): Promise<void>;
}

/**
 * Starts an offline The Cat API v1 on `host:port` and resolves once it listens.
 * @example
 * const emulator = await startCatApiEmulator({ seed: 1, scale: 0.02 });
 * const res = await fetch(`${emulator.apiUrl}/images/search?breed_ids=beng&order=ASC&limit=25`, { headers: { "x-api-key": "demo" } });
 * await emulator.stop();
 */
export async function startCatApiEmulator(options: CatApiEmulatorOptions = {}): Promise<CatApiEmulator> {
  const o = resolveCatApiEmulatorOptions(options);
  const dataset = createDataset(o.seed, o.scale);
  const { served, core } = await serveCore(
    {
      host: o.host,
      port: o.port,
      latencyMs: o.latencyMs,
      stallMs: o.stallMs,
      listenError: (cause) => new CatApiEmulatorListenError(o.host, o.port, { cause }),
    },
    (origin) => new CatApiCore(dataset, origin, o),
  );
  if (o.warmUp) served.background(warmUpTasks());
  return {
    url: served.url,
    apiUrl: `${served.url}/v1`,
    options: o,
    dataset,
    stats: () => core.stats.snapshot(),
    stop: () => served.stop(),
  };
}

function* warmUpTasks(): Generator<() => void> {
  for (const format of IMAGE_FORMATS) {
    for (let k = 0; k < TEMPLATE_SIZES[format].length; k++) {
      yield () => {
        if (!isTemplateReady(format, k)) templateImage(format, k);
      };
    }
  }
}
