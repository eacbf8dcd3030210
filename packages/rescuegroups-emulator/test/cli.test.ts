import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));

/** Runs the command from source (tsx), resolving the workspace's source condition. */
function run(args: string[]) {
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

describe("rescuegroups-emulator command", () => {
  test("prints 'listening on http://HOST:PORT' first, serves v5 under /v5 there with the keys given, and exits 0 on SIGTERM", async () => {
    const child = run(["--port", "0", "--scale", "0.005", "--api-keys", "k1,k2"]);
    try {
      const line = await firstLine(child.stdout!);
      expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = line.slice("listening on ".length);
      const res = await fetch(`${url}/v5/public/animals/search/available/cats/haspic?include=pictures&limit=3`, { headers: { authorization: "k2" } });
      expect(res.status).toBe(200);
      expect((await res.json()).data).toHaveLength(3);
      expect((await fetch(`${url}/v5/public/animals/breeds`, { headers: { authorization: "demo" } })).status).toBe(401);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  test.each([
    [["--scale", "lots"], "--scale must be a number"],
    [["--unknown"], "Unknown option '--unknown'"],
    [["--daily-limit", "-1"], "--daily-limit must be an integer from 0"],
  ])("%j exits with code 2 and a clear message", async (args, message) => {
    const child = run(args);
    let stderr = "";
    child.stderr!.on("data", (c) => (stderr += String(c)));
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  test("--help prints the flags and exits 0", async () => {
    const child = run(["--help"]);
    let stdout = "";
    child.stdout!.on("data", (c) => (stdout += String(c)));
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    for (const flag of ["--port", "--seed", "--scale", "--fault-rate", "--rate-limit", "--daily-limit", "--api-keys", "--stall-ms"])
      expect(stdout).toContain(flag);
  });
});
