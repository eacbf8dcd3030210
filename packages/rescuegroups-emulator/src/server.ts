import { type RequestStats, serveCore } from "@cat-harvest/emulator-kit";
import { RescueGroupsCore } from "./api-core.js";
import { createDataset, type Dataset } from "./dataset.js";
import { RescueGroupsEmulatorListenError } from "./errors.js";
import { type ResolvedRescueGroupsEmulatorOptions, type RescueGroupsEmulatorOptions, resolveRescueGroupsEmulatorOptions } from "./options.js";
import { isTemplateReady, PICTURE_SIZES, TEMPLATE_SIZES, templateJpeg } from "./picture-templates.js";

/** A running emulator. */
export interface RescueGroupsEmulator {
  /** The origin, without a trailing slash, e.g. "http://127.0.0.1:54321". Pictures are served under it. */
  readonly url: string;
  /** The API root a client takes as its base URL: `${url}/v5`. */
  readonly apiUrl: string;
  /** The options in force, defaults filled in. */
  readonly options: Readonly<ResolvedRescueGroupsEmulatorOptions>;
  /** The generated cats. */
  readonly dataset: Dataset;
  /** Request counts so far (what /_emulator/stats serves). */
  stats(): RequestStats;
  /** Closes the server and every open connection, stalled ones included. */
  stop(): Promise<void>;
}

/**
 * Starts an offline RescueGroups.org v5 on `host:port` and resolves once it listens.
 * @example
 * const emulator = await startRescueGroupsEmulator({ seed: 1, scale: 0.02 });
 * const res = await fetch(`${emulator.apiUrl}/public/animals/breeds/search/cats/`, { headers: { authorization: "demo" } });
 * await emulator.stop();
 */
export async function startRescueGroupsEmulator(options: RescueGroupsEmulatorOptions = {}): Promise<RescueGroupsEmulator> {
  const o = resolveRescueGroupsEmulatorOptions(options);
  const dataset = createDataset(o.seed, o.scale);
  const { served, core } = await serveCore(
    {
      host: o.host,
      port: o.port,
      latencyMs: o.latencyMs,
      stallMs: o.stallMs,
      gzipReplies: true,
      listenError: (cause) => new RescueGroupsEmulatorListenError(o.host, o.port, { cause }),
    },
    (origin) => new RescueGroupsCore(dataset, origin, o),
  );
  if (o.warmUp) served.background(warmUpTasks());
  return {
    url: served.url,
    apiUrl: `${served.url}/v5`,
    options: o,
    dataset,
    stats: () => core.stats.snapshot(),
    stop: () => served.stop(),
  };
}

function* warmUpTasks(): Generator<() => void> {
  for (let k = 0; k < TEMPLATE_SIZES.length; k++) {
    for (const size of PICTURE_SIZES) {
      yield () => {
        if (!isTemplateReady(k, size)) templateJpeg(k, size);
      };
    }
  }
}
