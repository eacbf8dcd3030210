import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

export interface MachineInfo {
  cpuModel: string;
  nproc: number;
  memoryGB: number;
  node: string;
  python: string;
  aria2: string;
  kernel: string;
}

function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) return "not installed";
  return (r.stdout || r.stderr).trim().split("\n")[0] ?? "";
}

export function machineInfo(): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpuModel = m[1]!.trim();
  } catch {
    // not Linux
  }
  return {
    cpuModel,
    nproc: Number(firstLine("nproc", [])) || cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    python: firstLine("python3", ["--version"]),
    aria2: firstLine("aria2c", ["--version"]),
    kernel: firstLine("uname", ["-sr"]),
  };
}
