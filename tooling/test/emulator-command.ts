// The command tests every emulator shares: it prints `listening on URL` first and serves there,
// exits 2 with a message naming a bad flag, and prints its flags for --help. Run from source.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, test } from "vitest";

export interface EmulatorCommandSpec {
  /** The command's name, e.g. "rescuegroups-emulator". */
  readonly name: string;
  /** The path of its `src/cli.ts`. */
  readonly cli: string;
  /** Arguments of the run that must serve, and what it must serve at the printed URL. */
  readonly serves: { readonly args: readonly string[]; readonly what: string; readonly check: (url: string) => Promise<void> };
  /** Bad command lines and a piece of the message each must print. */
  readonly badArgs: readonly (readonly [readonly string[], string])[];
  /** Flags --help must list. */
  readonly helpFlags: readonly string[];
}

/** Runs a command from source (tsx), resolving the workspace's source condition. */
function run(cli: string, args: readonly string[]) {
  return spawn(process.execPath, ["--import", "tsx", "--conditions", "@cat-harvest/source", cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes("\n")) return text.split("\n")[0]!;
  }
  return text;
}

/** Runs to the end, collecting one stream. */
async function outputOf(cli: string, args: readonly string[], stream: "stdout" | "stderr"): Promise<{ code: number; text: string }> {
  const child = run(cli, args);
  let text = "";
  child[stream]!.on("data", (c) => (text += String(c)));
  const [code] = (await once(child, "exit")) as [number];
  return { code, text };
}

/** Registers the shared command tests of one emulator. */
export function describeEmulatorCommand(spec: EmulatorCommandSpec): void {
  describe(`${spec.name} command`, () => {
    test(`prints 'listening on http://HOST:PORT' first, ${spec.serves.what}, and exits 0 on SIGTERM`, async () => {
      const child = run(spec.cli, spec.serves.args);
      try {
        const line = await firstLine(child.stdout!);
        expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
        await spec.serves.check(line.slice("listening on ".length));
      } finally {
        child.kill("SIGTERM");
      }
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
    });

    test.each(spec.badArgs.map(([args, message]) => [args, message] as const))("%j exits with code 2 and a clear message", async (args, message) => {
      const { code, text } = await outputOf(spec.cli, args, "stderr");
      expect(code).toBe(2);
      expect(text).toContain(message);
    });

    test("--help prints the flags and exits 0", async () => {
      const { code, text } = await outputOf(spec.cli, ["--help"], "stdout");
      expect(code).toBe(0);
      for (const flag of spec.helpFlags) expect(text).toContain(flag);
    });
  });
}
