import { crossPostWarmUpTasks, IMAGE_FORMATS, type RunningEmulator, startCoreEmulator } from "@cat-harvest/emulator-kit";
import { CatApiCore } from "./api-core.js";
import { createDataset, type Dataset } from "./dataset.js";
import { CatApiEmulatorListenError } from "./errors.js";
import { isTemplateReady, TEMPLATE_SIZES, templateImage } from "./image-templates.js";
import { type CatApiEmulatorOptions, type ResolvedCatApiEmulatorOptions, resolveCatApiEmulatorOptions } from "./options.js";

/** A running emulator: `url` (the origin, images under it), `apiUrl` (`${url}/v1`), `options`, `dataset`, `stats()`, `stop()`. */
export type CatApiEmulator = RunningEmulator<ResolvedCatApiEmulatorOptions, Dataset>;

/**
 * Starts an offline The Cat API v1 on `host:port` and resolves once it listens.
 * @example
 * const emulator = await startCatApiEmulator({ seed: 1, scale: 0.02 });
 * const res = await fetch(`${emulator.apiUrl}/images/search?breed_ids=beng&order=ASC&limit=25`, { headers: { "x-api-key": "demo" } });
 * await emulator.stop();
 */
export async function startCatApiEmulator(options: CatApiEmulatorOptions = {}): Promise<CatApiEmulator> {
  const o = resolveCatApiEmulatorOptions(options);
  const dataset = createDataset(o.seed, o.scale, { crossPosts: o.crossPosts });
  return startCoreEmulator(o, {
    apiPath: "/v1",
    dataset,
    createCore: (origin) => new CatApiCore(dataset, origin, o),
    listenError: (cause) => new CatApiEmulatorListenError(o.host, o.port, { cause }),
    warmUpTasks: () => warmUpTasks(o.crossPosts),
  });
}

function* warmUpTasks(crossPosts: boolean): Generator<() => void> {
  if (crossPosts) yield* crossPostWarmUpTasks();
  for (const format of IMAGE_FORMATS) {
    for (let k = 0; k < TEMPLATE_SIZES[format].length; k++) {
      yield () => {
        if (!isTemplateReady(format, k)) templateImage(format, k);
      };
    }
  }
}
