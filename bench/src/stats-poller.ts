/** `/_emulator/stats` as the bench reads it. */
interface EmulatorStats {
  routes: Record<string, Record<string, number>>;
}

export interface StatsSample {
  /** Seconds since polling started. */
  t: number;
  api: number;
  api429: number;
  photos: number;
}

export interface PhaseSpans {
  apiRequests: number;
  api429: number;
  photoRequests: number;
  /** First to last API request seen, seconds. */
  apiSec: number;
  /** First to last photo request seen, seconds. */
  photoSec: number;
  /** Seconds both phases ran at once. */
  overlapSec: number;
  apiStart: number;
  photoStart: number;
}

function summarize(stats: EmulatorStats): Omit<StatsSample, "t"> {
  let api = 0;
  let api429 = 0;
  let photos = 0;
  for (const [route, byStatus] of Object.entries(stats.routes)) {
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    if (route.includes(" /v2")) {
      api += total;
      api429 += byStatus["429"] ?? 0;
    } else if (route.endsWith(" photo")) {
      photos += total;
    }
  }
  return { api, api429, photos };
}

/**
 * Polls the emulator's counters every `intervalMs` while a tool runs, so the API and
 * download phases are timed from the server's side, whatever the tool prints.
 */
export function pollStats(emulatorUrl: string, intervalMs = 50): { stop(): Promise<{ samples: StatsSample[]; spans: PhaseSpans }> } {
  const samples: StatsSample[] = [];
  const t0 = performance.now();
  let running = true;
  const take = async () => {
    const res = await fetch(`${emulatorUrl}/_emulator/stats`);
    const s = summarize((await res.json()) as EmulatorStats);
    samples.push({ t: (performance.now() - t0) / 1000, ...s });
  };
  const loop = (async () => {
    while (running) {
      await take().catch(() => {});
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await take();
      return { samples, spans: spans(samples) };
    },
  };
}

function spans(samples: StatsSample[]): PhaseSpans {
  const last = samples.at(-1)!;
  const span = (pick: (s: StatsSample) => number) => {
    const total = pick(last);
    if (total === 0) return { start: 0, end: 0 };
    // the interval in which the first request arrived, and the one in which the last did
    const firstIdx = samples.findIndex((s) => pick(s) > 0);
    const lastIdx = samples.findIndex((s) => pick(s) === total);
    const start = firstIdx > 0 ? (samples[firstIdx - 1]!.t + samples[firstIdx]!.t) / 2 : samples[firstIdx]!.t;
    const end = lastIdx > 0 ? (samples[lastIdx - 1]!.t + samples[lastIdx]!.t) / 2 : samples[lastIdx]!.t;
    return { start, end };
  };
  const a = span((s) => s.api);
  const p = span((s) => s.photos);
  return {
    apiRequests: last.api,
    api429: last.api429,
    photoRequests: last.photos,
    apiSec: a.end - a.start,
    photoSec: p.end - p.start,
    overlapSec: Math.max(0, Math.min(a.end, p.end) - Math.max(a.start, p.start)),
    apiStart: a.start,
    photoStart: p.start,
  };
}
