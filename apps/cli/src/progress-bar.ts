import cliProgress from "cli-progress";
import type { HarvestProgress } from "@cat-harvest/harvest";
import { formatBytes, type ProgressView } from "@cat-harvest/command";

/** A live bar on the terminal (stderr): breeds, records, stored and failed photos, MB, rate, ETA. */
export function createProgressBar(stream: NodeJS.WriteStream): ProgressView {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format:
        "{bar} {value}/{total} photos | breeds {breedsDone}/{breedsTotal} | records {records} | failed {failed} | {size} | {rate}/s | ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 8,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(1, 0, { breedsDone: 0, breedsTotal: 0, records: 0, failed: 0, size: "0 B", rate: "0.0" });
  return {
    update(p: HarvestProgress) {
      const seconds = Math.max(0.001, (Date.now() - p.startedAt) / 1000);
      bar.setTotal(Math.max(1, p.queued));
      bar.update(p.stored + p.failed + p.duplicates, {
        breedsDone: p.breedsDone,
        breedsTotal: p.breedsTotal,
        records: p.records,
        failed: p.failed,
        size: formatBytes(p.bytes),
        rate: (p.stored / seconds).toFixed(1),
      });
    },
    log(line: string) {
      bars.log(`${line}\n`);
    },
    stop() {
      bars.stop();
    },
  };
}
