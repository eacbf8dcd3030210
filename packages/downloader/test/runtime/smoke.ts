import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createDefaultSha256,
  createDownloader,
  createPortableSha256,
  DEFAULT_USER_AGENT,
  toHex,
  type DownloadEvent,
  type DownloadResult,
} from "@cat-harvest/downloader";
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { createMemoryStorage } from "@cat-harvest/storage";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

// A small JPEG-shaped body: SOI, JFIF APP0, an SOF0 of 64x48, filler, EOI.
function jpeg(fill: number): Uint8Array {
  const head = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x30, 0x00, 0x40, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const body = new Uint8Array(head.length + sof.length + 4000 + 2);
  body.set(head);
  body.set(sof, head.length);
  body.fill(fill, head.length + sof.length, body.length - 2);
  body.set([0xff, 0xd9], body.length - 2);
  return body;
}

const hex = async (bytes: Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(bytes)))].map((b) => b.toString(16).padStart(2, "0")).join("");

type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

async function withServer(routes: Record<string, Route>, fn: (url: string, seen: Map<string, IncomingMessage["headers"]>) => Promise<void>) {
  const hits = new Map<string, number>();
  const seen = new Map<string, IncomingMessage["headers"]>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    seen.set(path, req.headers);
    const route = routes[path];
    if (route) route(req, res, hit);
    else res.writeHead(404, { connection: "close" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const send = (res: ServerResponse, body: Uint8Array | string, type = "image/jpeg") =>
  void res
    .writeHead(200, { "content-type": type, "content-length": String(typeof body === "string" ? body.length : body.byteLength), connection: "close" })
    .end(body);

export const cases: SmokeCase[] = [
  {
    name: "downloader: the default SHA-256 is this runtime's native one, and correct",
    fn() {
      assert.notEqual(createDefaultSha256, createPortableSha256);
      const hash = createDefaultSha256();
      hash.update(new TextEncoder().encode("abc"));
      assert.equal(toHex(hash.digest()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    },
  },
  {
    name: "downloader: stores, retries, follows redirects and refuses what is wrong",
    async fn() {
      const A = jpeg(0x11);
      const B = jpeg(0x22);
      await withServer(
        {
          "/a.jpg": (_q, res) => send(res, A),
          "/flaky.jpg": (_q, res, hit) => (hit === 1 ? void res.writeHead(503, { connection: "close" }).end() : send(res, B)),
          "/moved.jpg": (_q, res) => void res.writeHead(301, { location: "/a.jpg", connection: "close" }).end(),
          "/evil.jpg": (_q, res) => void res.writeHead(302, { location: "file:///etc/passwd", connection: "close" }).end(),
          "/page.jpg": (_q, res) => send(res, "<!doctype html><p>oops</p>", "text/html"),
          "/cut.jpg": (_q, res) => void res.writeHead(200, { "content-type": "image/jpeg", connection: "close" }).end(A.subarray(0, 2000)),
          "/gone.jpg": (_q, res) => void res.writeHead(404, { connection: "close" }).end(),
        },
        async (url, seen) => {
          const storage = createMemoryStorage();
          const results = new Map<string, DownloadResult>();
          const summary = await createDownloader({
            storage,
            concurrency: 3,
            maxAttempts: 2,
            retryBaseDelayMs: 5,
            onEvent: (e: DownloadEvent) => void (e.type === "done" || e.type === "failed" || e.type === "skipped" ? results.set(e.key, e) : undefined),
          }).run([
            { url: `${url}/a.jpg`, key: "ok/a.jpg" },
            { url: `${url}/flaky.jpg`, key: "ok/flaky.jpg" },
            { url: `${url}/moved.jpg`, key: "ok/moved.jpg" },
            { url: `${url}/evil.jpg`, key: "bad/evil.jpg" },
            { url: `${url}/page.jpg`, key: "bad/page.jpg" },
            { url: `${url}/cut.jpg`, key: "bad/cut.jpg" },
            { url: `${url}/gone.jpg`, key: "bad/gone.jpg" },
            { url: "ftp://127.0.0.1/x.jpg", key: "bad/ftp.jpg" },
          ]);
          assert.equal(summary.stored, 3);
          assert.deepEqual(summary.failedByReason, {
            "redirect-unsupported-protocol": 1,
            "not-an-image": 1,
            truncated: 1,
            "http-404": 1,
            "unsupported-protocol": 1,
          });
          const a = results.get("ok/a.jpg");
          assert.ok(a?.type === "done");
          assert.equal(a.sha256, await hex(A));
          assert.equal(a.width, 64);
          assert.equal(a.height, 48);
          const flaky = results.get("ok/flaky.jpg");
          assert.ok(flaky?.type === "done" && flaky.attempts === 2 && flaky.sha256 === (await hex(B)));
          assert.deepEqual([...storage.objects.keys()].sort(), ["ok/a.jpg", "ok/flaky.jpg", "ok/moved.jpg"]);
          assert.deepEqual(storage.objects.get("ok/moved.jpg"), A);
          assert.equal(seen.get("/a.jpg")?.["user-agent"], DEFAULT_USER_AGENT);
        },
      );
    },
  },
  {
    name: "downloader: an abort before headers arrive stores nothing and rejects with the reason",
    async fn() {
      await withServer({ "/slow.jpg": (_q, res) => void setTimeout(() => send(res, jpeg(1)), 300) }, async (url) => {
        const storage = createMemoryStorage();
        const controller = new AbortController();
        const reason = new Error("stop now");
        const run = createDownloader({
          storage,
          onEvent: (e) => void (e.type === "started" && controller.abort(reason)),
        }).run(
          [
            { url: `${url}/slow.jpg`, key: "x.jpg" },
            { url: `${url}/slow.jpg`, key: "y.jpg" },
          ],
          { signal: controller.signal },
        );
        await assert.rejects(run, (error) => error === reason);
        assert.equal(storage.objects.size, 0);
        // Let the server's delayed reply go out before it closes.
        await new Promise((resolve) => setTimeout(resolve, 350));
      });
    },
  },
  ...(
    [
      ["read whole", {}],
      ["streamed into storage", { maxBufferedBytes: 0 }],
    ] as const
  ).map(([mode, bodyMode]) => ({
    name: `downloader: emulator photos at fault rate 0.2 all arrive whole (${mode}), matching the truth sha256`,
    async fn() {
      const emulator = await startEmulator({ seed: 2, scale: 0.01, faultRate: 0.2, stallMs: 500 });
      try {
        const response = await fetch(`${emulator.url}/_emulator/truth?size=small`);
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        let text = "";
        while (text.split("\n").length <= 12) {
          const { done, value } = await reader.read();
          if (done) break;
          text += value;
        }
        await reader.cancel();
        const truth = text
          .split("\n")
          .slice(0, 12)
          .map((line) => JSON.parse(line) as { url: string; sha256: string; bytes: number });
        const storage = createMemoryStorage();
        const summary = await createDownloader({
          ...bodyMode,
          storage,
          concurrency: 4,
          maxAttempts: 10,
          retryBaseDelayMs: 5,
          maxRetryAfterMs: 50,
          idleTimeoutMs: 200,
        }).run(truth.map((t, i) => ({ url: t.url, key: `emu/${i}.jpg` })));
        assert.equal(summary.stored, truth.length);
        assert.ok(summary.retries > 0, "the emulator injected faults");
        for (const [i, t] of truth.entries()) assert.equal(await hex(storage.objects.get(`emu/${i}.jpg`)!), t.sha256);
      } finally {
        await emulator.stop();
      }
    },
  })),
];
