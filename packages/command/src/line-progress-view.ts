import type { HarvestProgress } from "@cat-harvest/harvest";
import type { CommandIO, ProgressView } from "./command-io.js";
import { formatProgressLine } from "./format-progress.js";

/** A progress view that writes a plain line at most every `intervalMs`, for logs and pipes. */
export function createLineProgressView(write: (line: string) => void, intervalMs = 2000): ProgressView {
  let last = 0;
  let latest: HarvestProgress | undefined;
  return {
    update(progress) {
      latest = progress;
      const now = Date.now();
      if (now - last >= intervalMs) {
        last = now;
        write(formatProgressLine(progress, now));
      }
    },
    log: write,
    stop() {
      if (latest) write(formatProgressLine(latest));
    },
  };
}

/** The app's view (a bar on a terminal), lines on stderr otherwise, none with --json. */
export function progressViewFor(json: boolean, io: CommandIO): ProgressView | undefined {
  return json ? undefined : (io.createProgressView?.() ?? createLineProgressView(io.stderr));
}

/** The `onProgress`/`onLog` options for a view, or none. */
export function progressOptions(view: ProgressView | undefined) {
  return view ? { onProgress: (p: HarvestProgress) => view.update(p), onLog: (line: string) => view.log(line) } : {};
}
