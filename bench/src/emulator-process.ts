import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { EMULATOR_CLI } from "./paths.js";
import { procCpuSeconds } from "./measure.js";

export interface EmulatorProcessOptions {
  scale: number;
  latencyMs: number;
  rateLimit: number;
  seed?: number;
  faultRate?: number;
  /** Extra CLI flags. */
  extra?: string[];
}

/** An emulator running in its own node process on 127.0.0.1, so its CPU is never charged to the tool under test. */
export interface EmulatorProcess {
  url: string;
  pid: number;
  /** CPU seconds the emulator process has used so far. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Waits until the emulator answers at once (three stats requests in a row under 15 ms, at
 * most 10 s): it encodes its JPEG templates in the first second after listening, and a run
 * measured in that second would pay for the emulator's start, as no real CDN makes it.
 */
async function settled(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (let quick = 0; quick < 3 && Date.now() < deadline;) {
    const started = performance.now();
    await (await fetch(`${url}/_emulator/stats`)).arrayBuffer();
    quick = performance.now() - started < 15 ? quick + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts `petfinder-emulator` (built dist/cli.js), waits for its `listening on` line and for its warm-up. */
export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  if (!existsSync(EMULATOR_CLI)) {
    throw new Error(`Cannot start the emulator: ${EMULATOR_CLI} is missing. Build it with \`npx tsc -b packages/petfinder-emulator\`.`);
  }
  const args = [
    EMULATOR_CLI,
    "--host",
    "127.0.0.1",
    "--port",
    "0",
    "--seed",
    String(options.seed ?? 1),
    "--scale",
    String(options.scale),
    "--latency-ms",
    String(options.latencyMs),
    "--rate-limit",
    String(options.rateLimit),
    "--fault-rate",
    String(options.faultRate ?? 0),
    ...(options.extra ?? []),
  ];
  return startServerProcess(args);
}

/**
 * Starts a loopback server script under node (`args`: the script and its flags), waits for its
 * `listening on URL` line and for its warm-up (it must answer `/_emulator/stats`).
 */
export async function startServerProcess(args: readonly string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (c: string) => {
    if (stderr.length < 20_000) stderr += c;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The emulator did not print "listening on" within 120 s. stderr: ${stderr}`));
    }, 120_000);
    child.stdout!.setEncoding("utf8").on("data", (c: string) => {
      buffered += c;
      const match = /listening on (http:\/\/[^\s]+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/$/, ""));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited (code ${code}) before listening. stderr: ${stderr}`));
    });
  });
  // keep draining stdout so the emulator never blocks on a full pipe
  child.stdout!.resume();
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1" && u.hostname !== "localhost") {
    child.kill("SIGKILL");
    throw new Error(`The emulator listens on ${url}, not loopback; the bench only contacts 127.0.0.1.`);
  }
  const pid = child.pid!;
  await settled(url);
  return {
    url,
    pid,
    cpuSeconds: () => procCpuSeconds(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
