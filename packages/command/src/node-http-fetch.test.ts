import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { downloadList, urlListInputOf } from "@cat-harvest/harvest";
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { createMemoryStorage } from "@cat-harvest/storage";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createNodeHttpFetch } from "./node-http-fetch.js";
import { NodeHttpResponse } from "./node-http-response.js";

type Route = (req: IncomingMessage, res: ServerResponse) => void;

const BODY = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
const ROUTES: Record<string, Route> = {
  "/bytes": (_req, res) => {
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(BODY.length), "set-cookie": ["a=1", "b=2"] });
    res.end(BODY);
  },
  "/echo": (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ method: req.method, ua: req.headers["user-agent"], accept: req.headers.accept }));
  },
  "/moved": (_req, res) => {
    res.writeHead(302, { location: "/bytes" });
    res.end("moved");
  },
  "/gzip": (_req, res) => {
    const zipped = gzipSync("hello gzip");
    res.writeHead(200, { "content-encoding": "gzip", "content-length": String(zipped.length) });
    res.end(zipped);
  },
  "/nothing": (_req, res) => {
    res.writeHead(204);
    res.end();
  },
  // Promises 1000 bytes, sends 500 and closes.
  "/cut": (_req, res) => {
    res.writeHead(200, { "content-length": "1000" });
    res.write(Buffer.alloc(500, 7));
    setTimeout(() => res.socket?.destroy(), 20);
  },
  // Headers at once, the body never.
  "/stall-body": (_req, res) => {
    res.writeHead(200, { "content-length": "1000" });
    res.write(Buffer.alloc(10));
  },
  // No answer at all.
  "/stall": () => {},
};

let base = "";
const server = createServer((req, res) => (ROUTES[new URL(req.url ?? "/", "http://x").pathname] ?? ((_q, r) => r.writeHead(404).end()))(req, res));
const { fetch, close } = createNodeHttpFetch();
const manual = { redirect: "manual" } as const;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createNodeHttpFetch", () => {
  test("answers with a real Response: status, headers (repeated ones joined as fetch does), url and every byte", async () => {
    const res = await fetch(`${base}/bytes`, manual);
    expect(res).toBeInstanceOf(Response);
    expect(res).toBeInstanceOf(NodeHttpResponse);
    expect([res.status, res.statusText, res.ok, res.url]).toEqual([200, "OK", true, `${base}/bytes`]);
    expect(res.headers.get("content-length")).toBe(String(BODY.length));
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(res.bodyUsed).toBe(false);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes).equals(BODY)).toBe(true);
    expect(res.bodyUsed).toBe(true);
    await expect(res.arrayBuffer()).rejects.toThrow(TypeError);
  });

  test("streams the body through `body` when asked", async () => {
    const res = await fetch(`${base}/bytes`, manual);
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(Buffer.concat(chunks).equals(BODY)).toBe(true);
    expect(res.bodyUsed).toBe(true);
  });

  test("sends the headers given, and reads text and json", async () => {
    const res = await fetch(`${base}/echo`, { ...manual, headers: { "user-agent": "cat-harvest-test", accept: "image/*" } });
    expect(await res.json()).toEqual({ method: "GET", ua: "cat-harvest-test", accept: "image/*" });
    const again = await fetch(`${base}/echo`, { ...manual, headers: new Headers({ "user-agent": "h" }) });
    expect(JSON.parse(await again.text())).toMatchObject({ ua: "h" });
  });

  test("leaves a redirect to the caller (redirect: manual), with its Location", async () => {
    const res = await fetch(`${base}/moved`, manual);
    expect([res.status, res.headers.get("location")]).toEqual([302, "/bytes"]);
    expect(await res.text()).toBe("moved");
  });

  test("decodes a gzip body as fetch does, and gives no body for a 204", async () => {
    expect(await (await fetch(`${base}/gzip`, manual)).text()).toBe("hello gzip");
    const empty = await fetch(`${base}/nothing`, manual);
    expect([empty.status, empty.body]).toEqual([204, null]);
    expect((await empty.arrayBuffer()).byteLength).toBe(0);
  });

  test("a body cut short rejects, read whole or streamed", async () => {
    await expect((await fetch(`${base}/cut`, manual)).arrayBuffer()).rejects.toThrow();
    const reader = (await fetch(`${base}/cut`, manual)).body!.getReader();
    await expect(
      (async () => {
        for (let r = await reader.read(); !r.done; r = await reader.read());
      })(),
    ).rejects.toThrow();
  });

  test("an abort rejects with the signal's reason, before the headers and during the body", async () => {
    const early = new AbortController();
    const pending = fetch(`${base}/stall`, { ...manual, signal: early.signal });
    const reason = new Error("stop now");
    setTimeout(() => early.abort(reason), 30);
    await expect(pending).rejects.toBe(reason);

    const late = new AbortController();
    const res = await fetch(`${base}/stall-body`, { ...manual, signal: late.signal });
    const body = res.arrayBuffer();
    late.abort(reason);
    await expect(body).rejects.toBe(reason);

    const before = new AbortController();
    before.abort(reason);
    await expect(fetch(`${base}/bytes`, { ...manual, signal: before.signal })).rejects.toBe(reason);
  });

  test("a refused connection is fetch's TypeError, its socket error as the cause", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const error = await fetch(`http://127.0.0.1:${port}/`, manual).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });

  test("requests it does not send itself go to the fallback fetch", async () => {
    const seen: string[] = [];
    const other = createNodeHttpFetch(async (input, init) => {
      seen.push(`${init?.method ?? "GET"} ${init?.redirect ?? "follow"}`);
      return new Response("fallback");
    });
    try {
      expect(await (await other.fetch(`${base}/bytes`)).text()).toBe("fallback");
      expect(await (await other.fetch(`${base}/echo`, { method: "POST", body: "x", redirect: "manual" })).text()).toBe("fallback");
      expect(await (await other.fetch(`${base}/echo`, manual)).json()).toMatchObject({ method: "GET" });
      expect(seen).toEqual(["GET follow", "POST manual"]);
    } finally {
      other.close();
    }
  });
});

describe("the downloader on createNodeHttpFetch", () => {
  test("stores every photo with the sha256 the emulator served, through resets, cut-short bodies and 5xx", async () => {
    const emulator = await startEmulator({ port: 0, scale: 0.01, seed: 5, faultRate: 0.2, stallMs: 300 });
    const storage = createMemoryStorage();
    try {
      const truth = (await (await globalThis.fetch(`${emulator.url}/_emulator/truth?size=full`)).text())
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { url: string; size: string; sha256: string })
        .filter((r) => r.size === "full")
        .slice(0, 60);
      const summary = await downloadList({
        input: urlListInputOf("urls.txt", new TextEncoder().encode(truth.map((r) => r.url).join("\n"))),
        inputName: "urls.txt",
        storage,
        location: "memory",
        format: "webdataset",
        fetch,
        concurrency: 8,
      });
      expect(summary.stored + summary.failed).toBe(truth.length);
      expect(summary.stored).toBeGreaterThan(truth.length / 2);
      const rows = new TextDecoder()
        .decode(await new Response(await storage.get("00000.jsonl")).arrayBuffer())
        .split("\n")
        .filter((l) => l)
        .map((l) => JSON.parse(l) as { url: string; status: string; sha256?: string; attempts: number });
      // the faults were met, and retried
      expect(rows.some((r) => r.attempts > 1)).toBe(true);
      const expected = new Map(truth.map((r) => [r.url, r.sha256]));
      const stored = rows.filter((r) => r.status === "stored");
      expect(stored.length).toBe(summary.stored);
      for (const row of stored) expect(row.sha256).toBe(expected.get(row.url));
    } finally {
      await storage.close();
      await emulator.stop();
    }
  }, 60_000);
});
