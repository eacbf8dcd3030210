import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Buckets a sample by the nearest frame (leaf first) that belongs to one of these. */
const CATEGORIES: Array<[string, (url: string, fn: string) => boolean]> = [
  ["sha256 (@noble/hashes)", (u) => u.includes("@noble/hashes")],
  ["sha256 (node:crypto)", (u) => u.includes("node:internal/crypto/hash")],
  [
    "storage-fs + node:fs",
    (u, fn) =>
      u.includes("storage-fs") ||
      u.includes("node:internal/fs") ||
      (u === "" && ["lstat", "openFileHandle", "close", "rename", "writeBuffer", "mkdir", "fsync"].includes(fn)),
  ],
  ["web streams", (u) => u.includes("node:internal/webstreams")],
  ["fetch (undici)", (u) => u.includes("undici")],
  [
    "sockets",
    (u, fn) =>
      u.includes("node:net") ||
      u.includes("node:internal/streams") ||
      u.includes("stream_base_commons") ||
      fn === "writeLatin1String" ||
      fn === "writeUtf8String",
  ],
  ["downloader", (u) => u.includes("downloader/dist")],
  [
    "timers, abort, events",
    (u) => u.includes("node:internal/timers") || u.includes("abort_controller") || u.includes("node:events") || u.includes("event_target"),
  ],
];

/** Where a `node --cpu-prof` profile's busy time went, by category, as printable lines. */
export async function summarizeProfile(dir: string): Promise<string[]> {
  const file = (await readdir(dir))
    .filter((n) => n.endsWith(".cpuprofile"))
    .sort()
    .at(-1);
  if (!file) return [`no .cpuprofile in ${dir}`];
  const profile = JSON.parse(await readFile(join(dir, file), "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map<string, number>();
  let idle = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const leaf = byId.get(id)!.callFrame.functionName;
    let category: string | undefined;
    if (leaf === "(idle)") {
      idle += dt;
      return;
    }
    if (leaf === "(garbage collector)") category = "garbage collector";
    else if (leaf === "(program)") category = "native, unattributed";
    for (let cur: number | undefined = id; !category && cur !== undefined; cur = parent.get(cur)) {
      const { url, functionName } = byId.get(cur)!.callFrame;
      category = CATEGORIES.find(([, test]) => test(url, functionName))?.[0];
    }
    category ??= "other";
    totals.set(category, (totals.get(category) ?? 0) + dt);
  });
  const busy = total - idle;
  return [
    `${file}: ${(total / 1e6).toFixed(1)} s sampled, main thread busy ${(busy / 1e6).toFixed(1)} s (${((100 * busy) / total).toFixed(0)}%), idle ${(idle / 1e6).toFixed(1)} s`,
    ...[...totals]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${(v / 1e6).toFixed(2).padStart(6)} s ${((100 * v) / busy).toFixed(1).padStart(5)}% of busy  ${k}`),
  ];
}
