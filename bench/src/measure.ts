import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What one measured child process cost. CPU and peak RSS include its own children. */
export interface ProcessCost {
  /** Wall time from spawn to exit, seconds (measured in this process). */
  wallSec: number;
  /** User CPU seconds of the child and every descendant it waited for. */
  userSec: number;
  /** System CPU seconds, same scope. */
  sysSec: number;
  /** Peak resident set size of the largest process in the tree, MB (VmHWM / ru_maxrss). */
  peakRssMB: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the child after this many seconds. */
  timeoutSec?: number;
  /** Forward the child's stderr live (for long runs). */
  echoStderr?: boolean;
}

const GNU_TIME = "/usr/bin/time";
const PY_WAIT4 = [
  "import os,sys,json",
  "pid=os.fork()",
  "if pid==0:",
  "  os.execvp(sys.argv[2],sys.argv[2:])",
  "_,st,ru=os.wait4(pid,0)",
  "open(sys.argv[1],'w').write(json.dumps({'u':ru.ru_utime,'s':ru.ru_stime,'m':ru.ru_maxrss,'c':os.waitstatus_to_exitcode(st)}))",
  "sys.exit(0)",
].join("\n");

/**
 * Runs a command and measures it with wait4(2) rusage (GNU time's `%U %S %M`, or a
 * python3 fallback), so CPU and peak RSS cover the whole process tree the command reaps.
 */
export async function runMeasured(command: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessCost> {
  const dir = await mkdtemp(join(tmpdir(), "cat-harvest-bench-time-"));
  const report = join(dir, "rusage");
  const useGnuTime = existsSync(GNU_TIME);
  const argv = useGnuTime ? [GNU_TIME, "-f", "%U %S %M %x", "-o", report, command, ...args] : ["python3", "-c", PY_WAIT4, report, command, ...args];
  const started = performance.now();
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (out.length < 4_000_000) out += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (err.length < 1_000_000) err += chunk;
      if (options.echoStderr) process.stderr.write(chunk);
    });
    const timer = options.timeoutSec === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.timeoutSec * 1000);
    child.on("error", reject);
    child.on("close", (exitCode) => {
      if (timer) clearTimeout(timer);
      resolve({ stdout: out, stderr: err, code: exitCode ?? -1 });
    });
  });
  const wallSec = (performance.now() - started) / 1000;
  let text = "";
  try {
    text = await readFile(report, "utf8");
  } catch {
    // the wrapper itself was killed: no rusage
  }
  await rm(dir, { recursive: true, force: true });
  let userSec = Number.NaN;
  let sysSec = Number.NaN;
  let peakKB = Number.NaN;
  let exitCode = code;
  if (useGnuTime) {
    // GNU time prefixes "Command exited with non-zero status N" on a separate line
    const last = text.trim().split("\n").at(-1) ?? "";
    const [u, s, m, x] = last.split(" ").map(Number);
    userSec = u ?? Number.NaN;
    sysSec = s ?? Number.NaN;
    peakKB = m ?? Number.NaN;
    if (x !== undefined && Number.isFinite(x)) exitCode = x;
  } else if (text) {
    const r = JSON.parse(text) as { u: number; s: number; m: number; c: number };
    userSec = r.u;
    sysSec = r.s;
    peakKB = r.m;
    exitCode = r.c;
  }
  return { wallSec, userSec, sysSec, peakRssMB: peakKB / 1024, exitCode, stdout, stderr };
}

/** CPU seconds (user+sys) a running process and its reaped children have used so far, from /proc. */
export async function procCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // fields after the parenthesised command name; utime is field 14, cutime 16 (1-based)
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(rest[i]), 0);
  return ticks / CLOCK_TICKS;
}

/** USER_HZ on Linux is 100 on every mainstream build. */
const CLOCK_TICKS = 100;

/** Busy and total CPU ticks of the whole machine so far (the first line of /proc/stat): every process, ours and others'. */
export async function machineCpuTicks(): Promise<{ busy: number; total: number }> {
  const fields = (await readFile("/proc/stat", "utf8")).split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  // idle and iowait are the 4th and 5th fields
  return { busy: total - fields[3]! - fields[4]!, total };
}
