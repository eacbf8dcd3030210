import { createPetfinderSource } from "@cat-harvest/petfinder";
import type { PhotoSource } from "@cat-harvest/photos";
import type { CommandIO } from "./command-io.js";
import { KEYED_SOURCES, keyOf } from "./keyed-sources.js";
import { DEMO_SCALE, openApi } from "./open-api.js";
import type { ApiFlags } from "./parse-command-line.js";

/** Requests per second a demo's keyed clients make: the emulators allow 10. */
const DEMO_REQUESTS_PER_SECOND = 8;

/** The sources asked for and what to stop after the run (the demo's emulators). */
export interface SourcesSession {
  readonly sources: PhotoSource[];
  stop(): Promise<void>;
}

/**
 * The sources of `flags.sources`, in that order: every key is checked before anything starts;
 * with --demo each source's bundled emulator is started on loopback (loaded only then), all at
 * one seed and, with several sources, cross-posting photos so the merge has duplicates to drop.
 */
export async function openSources(flags: ApiFlags, io: CommandIO, scale = DEMO_SCALE): Promise<SourcesSession> {
  const specs = flags.sources.map((name) => KEYED_SOURCES.find((s) => s.name === name));
  const keys = flags.demo ? [] : specs.map((spec) => spec && keyOf(spec, flags, io));
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    await Promise.all(stops.map((s) => s()));
  };
  try {
    const sources: PhotoSource[] = [];
    for (const [i, name] of flags.sources.entries()) {
      const spec = specs[i];
      if (!spec) {
        const api = await openApi(flags, io, scale);
        stops.push(() => api.stop());
        sources.push(createPetfinderSource(api.client));
      } else if (flags.demo) {
        const emulator = await spec.emulator(scale, flags.sources.length > 1);
        stops.push(() => emulator.stop());
        io.stderr(`Demo: the bundled ${spec.title} emulator is serving at ${emulator.apiUrl} (scale ${scale}); no key or network needed.`);
        sources.push(await spec.open("demo", emulator.apiUrl, DEMO_REQUESTS_PER_SECOND));
      } else sources.push(await spec.open(keys[i]!, flags.apiUrls?.[name]));
    }
    return { sources, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
