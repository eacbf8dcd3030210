import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createMemoryStorage, type MemoryStorage } from "@cat-harvest/storage";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { downloadList } from "./download-list.js";
import { MAX_LIST_URL_CHARS } from "./url-list.js";
import { makePng } from "../../downloader/test/helpers/images.js";

const USER = "ann";
const PASSWORD = "s3cret+pa ss";
/** Every form a password takes in a URL, a header or JSON. */
const passwordForms = [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`${USER}:${PASSWORD}`).toString("base64"), "s3cret"];

/** A small PNG that differs by `seed` (its width), as the downloader checks PNGs. */
const png = (seed: number) => new Uint8Array(makePng(seed, 1));

let server: Server;
let base: string;
beforeAll(async () => {
  const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;
  server = createServer((req, res) => {
    if (req.headers.authorization !== expected) return void res.writeHead(401, { "www-authenticate": 'Basic realm="cats"' }).end();
    const seed = Number(/(\d+)\.png/.exec(req.url ?? "")?.[1] ?? 0);
    if (seed === 0) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "image/png" }).end(png(seed));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const streamOf = (text: string) => new Response(text).body!;
const text = (storage: MemoryStorage, key: string) => new TextDecoder().decode(storage.objects.get(key));

describe("downloadList with credentials in URLs", () => {
  test("fetches with them, and stores no form of the password in metadata.jsonl or failures.jsonl", async () => {
    const auth = `${USER}:${encodeURIComponent(PASSWORD)}@`;
    const list = [
      `http://${auth}${base}/1.png`,
      `http://${auth}${base}/2.png?token=abc`,
      `http://${auth}${base}/0.png`,
      `http://${USER}:wrong@${base}/3.png`,
    ].join("\n");
    const storage = createMemoryStorage();
    const logs: string[] = [];
    const summary = await downloadList({ input: streamOf(list), inputName: "urls.txt", storage, onLog: (l) => logs.push(l) });
    expect(summary).toMatchObject({ stored: 2, failed: 2 });
    const metadata = text(storage, "metadata.jsonl");
    const failures = text(storage, "failures.jsonl");
    expect(metadata).toContain(`"source_url":"http://${base}/1.png"`);
    expect(metadata).toContain(`"source_url":"http://${base}/2.png?token=REDACTED"`);
    expect(failures).toContain(`"source_url":"http://${base}/0.png"`);
    for (const form of passwordForms) expect(metadata + failures + logs.join("\n")).not.toContain(form);
    expect(failures).not.toContain("wrong");
  });
});

test("a re-run rewrites rows of earlier versions without the credentials they held", async () => {
  const storage = createMemoryStorage();
  const put = (key: string, text: string) => storage.put(key, new TextEncoder().encode(text));
  const bytes = png(7);
  const sha256 = Buffer.from(await crypto.subtle.digest("SHA-256", bytes)).toString("hex");
  await storage.put("unlabelled/a.png", bytes);
  const row = {
    file_name: "unlabelled/a.png",
    breed: "unlabelled",
    animal_id: null,
    photo: null,
    source_url: `http://ann:s3cret@${base}/7.png`,
    bytes: bytes.byteLength,
    sha256,
  };
  await put("metadata.jsonl", `${JSON.stringify(row)}\n`);
  const failure = {
    source_url: `http://ann:s3cret@${base}/8.png`,
    breed: "unlabelled",
    animal_id: null,
    reason: "network",
    attempts: 1,
    detail: `GET http://ann:s3cret@${base}/8.png failed`,
  };
  await put("failures.jsonl", `${JSON.stringify(failure)}\n`);
  await downloadList({ input: streamOf(""), inputName: "urls.txt", storage });
  expect(text(storage, "metadata.jsonl")).toContain(`"source_url":"http://${base}/7.png"`);
  expect(text(storage, "failures.jsonl")).toContain(`"source_url":"http://${base}/8.png"`);
  expect(text(storage, "metadata.jsonl") + text(storage, "failures.jsonl")).not.toContain("s3cret");
});

describe("downloadList with over-long lines", () => {
  test("records a 10 MB line and an over-long URL once each, by their start, and stores the rest", async () => {
    const long = `http://${base}/${"x".repeat(10_000_000)}`;
    const longUrl = `http://${base}/${"y".repeat(MAX_LIST_URL_CHARS)}.png`;
    const list = [
      `http://${base.replace("127", `${USER}:${PASSWORD}@127`)}/1.png`,
      long,
      longUrl,
      `http://${USER}:${encodeURIComponent(PASSWORD)}@${base}/2.png`,
    ].join("\n");
    const storage = createMemoryStorage();
    const logs: string[] = [];
    const summary = await downloadList({ input: streamOf(list), inputName: "urls.txt", storage, onLog: (l) => logs.push(l) });
    expect(summary).toMatchObject({ status: "partial", stored: 2, failed: 2, failureReasons: { "line-too-long": 1, "url-too-long": 1 } });
    const failures = text(storage, "failures.jsonl");
    expect(failures.length).toBeLessThan(2000);
    expect(failures.split("\n").filter(Boolean)).toHaveLength(2);
    expect(logs.join("\n").length).toBeLessThan(1000);
    expect(logs.join("\n")).toContain("urls.txt:2:");
  });
});

describe("downloadList with bad rows", () => {
  test("each is a failure with its line and reason, logged, and the rest of the list is stored", async () => {
    const auth = `${USER}:${encodeURIComponent(PASSWORD)}@`;
    const list = [
      JSON.stringify({ link: `http://${auth}${base}/1.png`, breed: "Tabby" }),
      '{"link": ',
      JSON.stringify({ href: `http://${base}/9.png`, breed: "Tabby" }),
      JSON.stringify({ link: "ftp://a.test/x.png", breed: "Calico" }),
      JSON.stringify({ link: `http://${auth}${base}/2.png`, breed: "Tabby" }),
    ].join("\n");
    const storage = createMemoryStorage();
    const logs: string[] = [];
    const summary = await downloadList({
      input: streamOf(list),
      inputName: "urls.jsonl",
      storage,
      urlColumn: "link",
      labelColumn: "breed",
      onLog: (l) => logs.push(l),
    });
    expect(summary).toMatchObject({ stored: 2, failed: 3, status: "partial" });
    const failures = text(storage, "failures.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { reason: string; breed: string; source_url: string; detail: string })
      .sort((a, b) => a.detail.localeCompare(b.detail));
    expect(failures.map((f) => [f.reason, f.breed, f.detail.split(": ")[0]])).toEqual([
      ["invalid-json", "unlabelled", "urls.jsonl:2"],
      ["missing-url", "unlabelled", "urls.jsonl:3"],
      ["invalid-url", "Calico", "urls.jsonl:4"],
    ]);
    expect(failures[2]!.source_url).toBe("ftp://a.test/x.png");
    expect(logs.filter((l) => /^urls\.jsonl:\d+: /.test(l))).toHaveLength(3);
    expect(text(storage, "metadata.jsonl").trim().split("\n")).toHaveLength(2);
  });
});
