// End-to-end: the built `cat-harvest` (under Bun, Node and Deno) given hostile input: URLs with
// passwords against a server that asks for them, labels that hold terminal escape sequences,
// 10 MB lines, a reader that closes the pipe early, and command lines that once slipped through.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { BUN, CLI, DENO, DENO_SCRIPT, run } from "./run-process.js";
import { makePng } from "../../../packages/downloader/test/helpers/images.js";

vi.setConfig({ testTimeout: 120_000 });

const USER = "ann";
const PASSWORD = "s3cret+pa ss/w=rd";
/** Every form the password takes: as given, in a URL, in a Basic header, and its distinctive part. */
const PASSWORD_FORMS = [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`${USER}:${PASSWORD}`).toString("base64"), "s3cret"];
/** Any control character but the newline that ends a line. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let tmp: string;
let server: Server;
let host: string;
const cli = (args: string[]) => run(BUN, [CLI, ...args], { cwd: tmp });

/** A small PNG that differs by `seed` (its width), as the downloader checks PNGs. */
const png = (seed: number) => new Uint8Array(makePng(seed, 1));

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` in apps/cli first`);
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-hostile-"));
  const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;
  // /private/* asks for the password; /open/* does not.
  server = createServer((req, res) => {
    const url = req.url ?? "";
    if (url.startsWith("/private/") && req.headers.authorization !== expected) {
      return void res.writeHead(401, { "www-authenticate": 'Basic realm="cats"' }).end();
    }
    const seed = Number(/(\d+)\.png/.exec(url)?.[1] ?? 0);
    if (seed === 0) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "image/png" }).end(png(seed));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** metadata.jsonl and failures.jsonl of a folder or a .tar.gz DEST. */
async function datasetText(dest: string): Promise<{ metadata: string; failures: string }> {
  if (dest.endsWith(".tar.gz")) {
    const read = (name: string) => execFileSync("tar", ["-xzOf", dest, name], { encoding: "utf8" });
    return { metadata: read("metadata.jsonl"), failures: read("failures.jsonl") };
  }
  return { metadata: await readFile(join(dest, "metadata.jsonl"), "utf8"), failures: await readFile(join(dest, "failures.jsonl"), "utf8") };
}

describe("a URL list with passwords in its URLs", () => {
  test.each(["folder", "cats.tar.gz"])("into a %s: files stored with them, and no form of the password anywhere", async (kind) => {
    const auth = `${USER}:${encodeURIComponent(PASSWORD)}`;
    const list = join(tmp, `private-${kind}.txt`);
    await writeFile(
      list,
      [
        `http://${auth}@${host}/private/1.png`,
        `http://${auth}@${host}/private/2.png?token=${encodeURIComponent(PASSWORD)}`,
        `http://${auth}@${host}/private/0.png`,
        `http://${USER}:wrong-${auth}@${host}/private/3.png`,
      ].join("\n"),
    );
    const dest = join(tmp, `private-${kind}`);
    const result = await cli(["download", "--input", list, "--out", dest]);
    expect(result.code, result.stderr).toBe(3); // 0.png is missing, 3.png has the wrong password
    const { metadata, failures } = await datasetText(dest);
    expect(metadata.split("\n").filter(Boolean)).toHaveLength(2);
    expect(metadata).toContain(`"source_url":"http://${host}/private/1.png"`);
    expect(failures).toContain("http-401");
    for (const form of PASSWORD_FORMS) {
      for (const [where, text] of Object.entries({ metadata, failures, stdout: result.stdout, stderr: result.stderr })) expect(text, where).not.toContain(form);
    }
    const json = await cli(["download", "--input", list, "--out", dest, "--json"]);
    for (const form of PASSWORD_FORMS) expect(json.stdout + json.stderr).not.toContain(form);
  });
});

describe("labels with terminal escape sequences", () => {
  test("nothing printed holds a control character but line ends, and the breed table lines up", async () => {
    const labels = ["\u001b]0;pwned\u0007Tabby", "\u001b[2JClear", "Carriage\rReturn", "New\nLine", "C1\u009bcsi", "Tab\there"];
    const csv = ["url,label", ...labels.map((label, i) => `http://${host}/open/${i + 1}.png,"${label}"`)].join("\n");
    await writeFile(join(tmp, "labels.csv"), csv);
    const result = await cli(["download", "--input", join(tmp, "labels.csv"), "--out", join(tmp, "labels")]);
    expect(result.code, result.stderr).toBe(0);
    for (const [where, text] of Object.entries({ stdout: result.stdout, stderr: result.stderr })) expect(text, where).not.toMatch(CONTROL);
    const lines = result.stdout.split("\n");
    const header = lines.findIndex((l) => /^breed\s+folder\s+images$/.test(l));
    const table = lines.slice(header, lines.findIndex((l) => l.startsWith("total (")) + 1);
    expect(table).toHaveLength(labels.length + 2);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(result.stdout).toContain("\\u001b]0;pwned\\u0007Tabby");
  });
});

describe("a 10 MB line in a list", () => {
  const long = `http://127.0.0.1/${"x".repeat(10_000_000)}`;
  test.each([
    ["list.txt", () => [`http://${host}/open/1.png`, long, `http://${host}/open/2.png`].join("\n")],
    ["list.csv", () => ["url,label", `${long},Tabby`, `http://${host}/open/1.png,Tabby`, `http://${host}/open/2.png,Tabby`].join("\n")],
    [
      "list.jsonl",
      () =>
        [JSON.stringify({ url: `http://${host}/open/1.png` }), JSON.stringify({ url: long }), JSON.stringify({ url: `http://${host}/open/2.png` })].join("\n"),
    ],
  ])("in %s is reported by its start, once; the run stores the rest", async (name, content) => {
    const input = join(tmp, `long-${name}`);
    await writeFile(input, content());
    const dest = join(tmp, `long-${name}-out`);
    const result = await cli(["download", "--input", input, "--out", dest]);
    expect(result.code, result.stderr.slice(0, 500)).toBe(3);
    expect(result.stderr.length).toBeLessThan(4000);
    expect(result.stderr).toContain(":2: the line is");
    const { metadata, failures } = await datasetText(dest);
    expect(metadata.split("\n").filter(Boolean)).toHaveLength(2);
    expect(failures.length).toBeLessThan(1000);
    expect(
      failures
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).reason),
    ).toEqual(["line-too-long"]);
  });
});

describe("a reader that closes the pipe early (verify | head -1)", () => {
  let dest: string;
  beforeAll(async () => {
    // 20,000 listed files, none present: verify has 20,000 lines to print.
    dest = join(tmp, "many-missing");
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({ file_name: `B/${i}.jpg`, breed: "B", animal_id: i, photo: 1, source_url: `http://x.test/${i}`, bytes: 1, sha256: "0".repeat(64) }),
    );
    await import("node:fs/promises").then((fs) => fs.mkdir(dest, { recursive: true }));
    await writeFile(join(dest, "metadata.jsonl"), `${rows.join("\n")}\n`);
  });

  test.each([
    ["Node", process.execPath, [CLI]],
    ["Bun", BUN, [CLI]],
    ["Deno", DENO, ["run", "--no-lock", "--allow-read", "--allow-write", DENO_SCRIPT]],
  ])("under %s: one line out, nothing on stderr, exit 141 (or verify's own code when the output was all written)", async (_, runtime, args) => {
    const command = [runtime, ...args, "verify", dest].map((a) => `'${a}'`).join(" ");
    const result = await run("bash", ["-c", `${command} | head -1; exit \${PIPESTATUS[0]}`], { cwd: tmp });
    expect(result.stdout).toMatch(/^Verified folder .*\n$/);
    expect(result.stderr).toBe("");
    expect([3, 141]).toContain(result.code);
  });
});

describe("command lines that once slipped through", () => {
  test("--json failures print one JSON object with the error on stdout, and the text on stderr", async () => {
    const result = await cli(["--json", "--concurrency", "0x10"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { name: "CommandUsageError", flag: "concurrency" }, exitCode: 2 });
    expect(result.stderr).toContain('--concurrency must be a whole number from 1 to 256, got "0x10"');
  });

  test.each([
    [["--out", "a", "--out", "b"], "--out (-o) is given more than once"],
    [["--per-breed", "1e3"], '--per-breed must be a whole number from 1 up, got "1e3"'],
    [["--concurrency", "0x10"], '"0x10"'],
  ])("%j is refused (exit 2)", async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test("--help says a --client-secret shows in ps and points to the variable", async () => {
    const result = await cli(["--help"]);
    expect(result.stdout).toContain("prefer it: ps shows flags to other users");
    expect(result.stdout).toContain("a --client-secret value is visible to other users of the machine (ps)");
  });
});
