// The command in processes of its own (fixtures/cli-process.ts), their output gathered, all killed at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("./fixtures/cli-process.ts", import.meta.url));

export interface Cli {
  readonly child: ChildProcess;
  stderr: string;
  stdout: string;
  readonly exited: Promise<number | null>;
}

/** Starts `cat-harvest ARGS` processes with `env()`'s environment; `killAll` ends any still running. */
export function cliChildren(env: () => Record<string, string>): { cli: (args: string[]) => Cli; killAll: () => Promise<void> } {
  const children: Cli[] = [];
  return {
    cli(args) {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions", "@cat-harvest/source", CLI, ...args], {
        env: env(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      const c: Cli = { child, stderr: "", stdout: "", exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))) };
      child.stdout!.on("data", (chunk: Buffer) => (c.stdout += chunk.toString()));
      child.stderr!.on("data", (chunk: Buffer) => (c.stderr += chunk.toString()));
      children.push(c);
      return c;
    },
    async killAll() {
      for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
      await Promise.all(children.map((c) => c.exited));
    },
  };
}
