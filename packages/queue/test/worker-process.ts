// Starts test/fixtures/worker-process.ts as its own node process and follows its events.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ShardPlan } from "@cat-harvest/harvest";

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Every JSON line it printed so far. */
  readonly events: { type: string; [k: string]: unknown }[];
  readonly exited: Promise<number | null>;
}

/** What fixtures/worker-process.ts is given (as JSON in its argument). */
export interface WorkerProcessConfig {
  readonly redisUrl: string;
  readonly root: string;
  readonly queueName: string;
  readonly plan: ShardPlan;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
}

export function startWorkerProcess(config: WorkerProcessConfig): WorkerProcess {
  const script = fileURLToPath(new URL("./fixtures/worker-process.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions", "@cat-harvest/source", script, JSON.stringify(config)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const events: WorkerProcess["events"] = [];
  let buffered = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (buffered + chunk.toString()).split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("{")) events.push(JSON.parse(line));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, events, exited };
}
