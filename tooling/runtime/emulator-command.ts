import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { SmokeCase } from "./cases.ts";

/**
 * The smoke case every emulator command shares: its built `dist/cli.js`, run by the runtime
 * under test (`deno run -A` under Deno), prints `listening on http://127.0.0.1:PORT` first and
 * `check(url)` passes against that URL.
 */
export function emulatorCommandCase(name: string, cli: URL, args: readonly string[], check: (url: string) => Promise<void>): SmokeCase {
  return {
    name: `${name}: the command prints its URL first and serves from it`,
    async fn() {
      const path = fileURLToPath(cli);
      const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
      const child = spawn(process.execPath, [...(isDeno ? ["run", "-A", path] : [path]), ...args], { stdio: ["ignore", "pipe", "inherit"] });
      try {
        let text = "";
        for await (const chunk of child.stdout!) {
          text += String(chunk);
          if (text.includes("\n")) break;
        }
        const line = text.split("\n")[0]!;
        if (!/^listening on http:\/\/127\.0\.0\.1:\d+$/.test(line)) throw new Error(`${name} printed ${JSON.stringify(line)} first`);
        await check(line.slice("listening on ".length));
      } finally {
        child.kill("SIGTERM");
      }
    },
  };
}
