import { crossPostWarmUpTasks, type RunningEmulator, startCoreEmulator } from "@cat-harvest/emulator-kit";
import { RescueGroupsCore } from "./api-core.js";
import { createDataset, type Dataset } from "./dataset.js";
import { RescueGroupsEmulatorListenError } from "./errors.js";
import { type ResolvedRescueGroupsEmulatorOptions, type RescueGroupsEmulatorOptions, resolveRescueGroupsEmulatorOptions } from "./options.js";
import { isTemplateReady, PICTURE_SIZES, TEMPLATE_SIZES, templateJpeg } from "./picture-templates.js";

/** A running emulator: `url` (the origin, pictures under it), `apiUrl` (`${url}/v5`), `options`, `dataset` (the cats), `stats()`, `stop()`. */
export type RescueGroupsEmulator = RunningEmulator<ResolvedRescueGroupsEmulatorOptions, Dataset>;

/**
 * Starts an offline RescueGroups.org v5 on `host:port` and resolves once it listens.
 * @example
 * const emulator = await startRescueGroupsEmulator({ seed: 1, scale: 0.02 });
 * const res = await fetch(`${emulator.apiUrl}/public/animals/breeds/search/cats/`, { headers: { authorization: "demo" } });
 * await emulator.stop();
 */
export async function startRescueGroupsEmulator(options: RescueGroupsEmulatorOptions = {}): Promise<RescueGroupsEmulator> {
  const o = resolveRescueGroupsEmulatorOptions(options);
  const dataset = createDataset(o.seed, o.scale, { crossPosts: o.crossPosts });
  return startCoreEmulator(o, {
    apiPath: "/v5",
    dataset,
    createCore: (origin) => new RescueGroupsCore(dataset, origin, o),
    listenError: (cause) => new RescueGroupsEmulatorListenError(o.host, o.port, { cause }),
    warmUpTasks: () => warmUpTasks(o.crossPosts),
    gzipReplies: true,
  });
}

function* warmUpTasks(crossPosts: boolean): Generator<() => void> {
  if (crossPosts) yield* crossPostWarmUpTasks();
  for (let k = 0; k < TEMPLATE_SIZES.length; k++) {
    for (const size of PICTURE_SIZES) {
      yield () => {
        if (!isTemplateReady(k, size)) templateJpeg(k, size);
      };
    }
  }
}
