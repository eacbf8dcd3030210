import { crossPostWarmUpTasks, serveEmulator } from "@cat-harvest/emulator-kit";
import { createDataset, type Dataset } from "./dataset.js";
import { EmulatorCore } from "./emulator-core.js";
import { EmulatorListenError } from "./errors.js";
import { type EmulatorOptions, type ResolvedEmulatorOptions, resolveEmulatorOptions } from "./options.js";
import type { EmulatorStats } from "./stats.js";
import { TEMPLATE_COUNT, isTemplateReady, templateJpeg } from "./jpeg-templates.js";
import { PHOTO_SIZES } from "./photo-sizes.js";

/** A running emulator. */
export interface Emulator {
  /** The API root without /v2 and without a trailing slash, e.g. "http://127.0.0.1:54321". */
  readonly url: string;
  /** The options in force, defaults filled in. */
  readonly options: Readonly<ResolvedEmulatorOptions>;
  /** The generated data set (compact columns; see the data helpers). */
  readonly dataset: Dataset;
  /** Request counts so far (what /_emulator/stats serves). */
  stats(): EmulatorStats;
  /** Closes the server and every open connection, stalled ones included. */
  stop(): Promise<void>;
}

/**
 * Starts the emulator on `host:port` and resolves once it listens.
 * @example
 * const emulator = await startEmulator({ seed: 1, scale: 0.05 });
 * const res = await fetch(`${emulator.url}/v2/oauth2/token`, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }) });
 * await emulator.stop();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const o = resolveEmulatorOptions(options);
  const dataset = createDataset(o.seed, o.scale, { crossPosts: o.crossPosts });
  let core: EmulatorCore | undefined;
  const served = await serveEmulator(
    { host: o.host, port: o.port, latencyMs: o.latencyMs, stallMs: o.stallMs, listenError: (cause) => new EmulatorListenError(o.host, o.port, { cause }) },
    (origin) => {
      const ready = new EmulatorCore(dataset, origin, o);
      core = ready;
      return (req) =>
        ready.handle({
          method: req.method,
          url: req.url,
          authorization: header(req.headers.authorization),
          contentType: header(req.headers["content-type"]),
          body: req.body,
        });
    },
  );
  // One template per turn of the event loop, so requests interleave with the warm-up.
  if (o.warmUp) served.background(warmUpTasks(o.crossPosts));
  const readyCore = core!;
  return {
    url: served.url,
    options: o,
    dataset,
    stats: () => readyCore.stats.snapshot(),
    stop: () => served.stop(),
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function* warmUpTasks(crossPosts: boolean): Generator<() => void> {
  if (crossPosts) yield* crossPostWarmUpTasks();
  for (const size of PHOTO_SIZES) {
    for (let k = 0; k < TEMPLATE_COUNT; k++) {
      yield () => {
        if (!isTemplateReady(k, size)) templateJpeg(k, size);
      };
    }
  }
}
