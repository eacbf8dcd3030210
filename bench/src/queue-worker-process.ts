import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { procCpuSeconds } from "./measure.js";
import { CAT_HARVEST_CLI } from "./paths.js";

/** One `cat-harvest worker` process (the apps/cli bundle under node), its shard events timestamped as they arrive. */
export interface WorkerProcess {
  readonly pid: number;
  /** Shards this worker finished so far, in order. */
  readonly done: number[];
  /** Every stderr line, for a failure's message. */
  readonly stderr: string[];
  /** CPU seconds it has used so far (from /proc). */
  cpuSeconds(): Promise<number>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  /** SIGTERM: the worker puts a running shard back and exits 0. */
  stop(): void;
}

export interface WorkerProcessOptions {
  readonly redisUrl: string;
  readonly queueName: string;
  /** Photo downloads at once inside the worker. */
  readonly concurrency: number;
  /** Shards the worker runs at once (`--shards`). @default 1 */
  readonly shards?: number;
  readonly env: NodeJS.ProcessEnv;
  /** Called with `performance.now()` when the worker logs `shard N started` or `shard N done`. */
  readonly onShard: (event: "started" | "done", index: number, at: number) => void;
}

/** Starts `node apps/cli/dist/cli.js worker --queue URL --queue-name NAME --concurrency N`, as a deployment runs it. */
export function startWorkerProcess(options: WorkerProcessOptions): WorkerProcess {
  const args = [CAT_HARVEST_CLI, "worker", "--queue", options.redisUrl, "--queue-name", options.queueName, "--concurrency", String(options.concurrency)];
  if (options.shards) args.push("--shards", String(options.shards));
  const child = spawn(process.execPath, args, { env: options.env, stdio: ["ignore", "ignore", "pipe"] });
  const worker = {
    pid: child.pid!,
    done: [] as number[],
    stderr: [] as string[],
    cpuSeconds: () => procCpuSeconds(child.pid!),
    exited: new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"))),
    stop: () => void child.kill("SIGTERM"),
  };
  createInterface({ input: child.stderr! }).on("line", (line) => {
    worker.stderr.push(line);
    const shard = /^shard (\d+) (started|done)\b/.exec(line);
    if (!shard) return;
    if (shard[2] === "done") worker.done.push(Number(shard[1]));
    options.onShard(shard[2] as "started" | "done", Number(shard[1]), performance.now());
  });
  return worker;
}
