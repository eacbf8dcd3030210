// A real redis-server for one test file: its own free port, its own folder, persistence on
// (append-only file, fsync always) so a restart loses nothing, as the README asks of production.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** Runs redis-cli against it and returns stdout. */
  cli(...args: string[]): string;
  /** Stops it (SIGTERM: a clean shutdown) and starts it again on the same port and data. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
  /** Every key with its whole value as text (by type), plus the append-only file's bytes: what an attacker with Redis would read. */
  everything(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startRedis(options: { password?: string } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "queue-redis-"));
  const auth = options.password ? ["-a", options.password, "--no-auth-warning"] : [];
  let child = await launch(port, dir, options.password);
  const cli = (...args: string[]) => {
    const result = spawnSync("redis-cli", ["-p", String(port), ...auth, ...args], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`redis-cli ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout;
  };
  return {
    port,
    dir,
    url: `redis://127.0.0.1:${port}`,
    cli,
    async restart(downMs = 0) {
      await terminate(child);
      await new Promise((r) => setTimeout(r, downMs));
      child = await launch(port, dir, options.password);
    },
    async stop() {
      await terminate(child);
      rmSync(dir, { recursive: true, force: true });
    },
    everything() {
      const keys = cli("--scan").split("\n").filter(Boolean);
      const values = keys.map((key) => `${key}\n${valueOf(cli, key)}`);
      return [...values, ...appendOnlyFiles(dir)].join("\n");
    },
  };
}

function valueOf(cli: (...args: string[]) => string, key: string): string {
  const type = cli("type", key).trim();
  if (type === "string") return cli("get", key);
  if (type === "hash") return cli("hgetall", key);
  if (type === "list") return cli("lrange", key, "0", "-1");
  if (type === "set") return cli("smembers", key);
  if (type === "zset") return cli("zrange", key, "0", "-1", "withscores");
  if (type === "stream") return cli("xrange", key, "-", "+");
  return "";
}

function appendOnlyFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(readFileSync(path, "latin1"));
    }
  };
  walk(dir);
  return found;
}

async function launch(port: number, dir: string, password: string | undefined): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes", "--appendfsync", "always"];
  args.push("--maxmemory-policy", "noeviction", ...(password ? ["--requirepass", password] : []));
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return child;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
