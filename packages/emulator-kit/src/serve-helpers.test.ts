import { gunzipSync } from "node:zlib";
import { request } from "node:http";
import { describe, expect, test } from "vitest";
import { drawFault } from "./fault-outcome.js";
import { FaultPlan } from "./faults.js";
import { readTruthLines } from "./read-truth.js";
import { listFlag } from "./cli-flags.js";
import { BAD_GATEWAY_REPLY, jsonLinesResponse, mapLines, replyResponse } from "./responses.js";
import { serveEmulator, type ServeOptions } from "./serve.js";
import { StatsCounter } from "./stats.js";

const OPTIONS: ServeOptions = { host: "127.0.0.1", port: 0, latencyMs: 0, stallMs: 0, listenError: (cause) => cause };

/** A raw GET (node:http does not decode), with the headers asked for. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("serveEmulator's gzipReplies", () => {
  test("gzips reply bodies for clients that take gzip, and only for them; off by default", async () => {
    const body = JSON.stringify({ hello: "cats".repeat(50) });
    const handler = () => () => replyResponse({ status: 200, headers: { "content-type": "application/json" }, body });
    const zipped = await serveEmulator({ ...OPTIONS, gzipReplies: true }, handler);
    const plain = await serveEmulator(OPTIONS, handler);
    try {
      const gz = await rawGet(zipped.url, { "accept-encoding": "gzip, deflate" });
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gz.body).toString()).toBe(body);
      expect((await rawGet(zipped.url, { "accept-encoding": "gzip;q=0, br" })).body.toString()).toBe(body);
      expect((await rawGet(zipped.url, {})).headers["content-encoding"]).toBeUndefined();
      expect((await rawGet(plain.url, { "accept-encoding": "gzip" })).body.toString()).toBe(body);
      expect(await (await fetch(zipped.url)).json()).toEqual(JSON.parse(body));
    } finally {
      await Promise.all([zipped.stop(), plain.stop()]);
    }
  });
});

describe("readTruthLines", () => {
  test("reads and parses an emulator's truth, passing the query", async () => {
    const served = await serveEmulator(OPTIONS, () => (req) => jsonLinesResponse([`${JSON.stringify({ url: req.url })}\n`, `${JSON.stringify({ n: 2 })}\n`]));
    try {
      expect(await readTruthLines(served, "?size=large")).toEqual([{ url: "/_emulator/truth?size=large" }, { n: 2 }]);
    } finally {
      await served.stop();
    }
  });
});

describe("drawFault", () => {
  const request = { method: "GET", url: "/x", headers: {}, body: "" };
  test("nothing at rate 0; a status fault becomes the emulator's reply, counted; a reset and wire faults as they are", () => {
    const stats = new StatsCounter();
    expect(drawFault(new FaultPlan(1, 0, ["status-503"]), stats, request, "GET /x", () => ({ status: 1, headers: {}, body: "" }))).toEqual({});
    const status = drawFault(new FaultPlan(1, 1, ["status-503"]), stats, request, "GET /x", (s) => ({ status: s, headers: {}, body: "busy" }));
    expect(status.early).toEqual({ kind: "reply", reply: { status: 503, headers: {}, body: "busy" } });
    expect(drawFault(new FaultPlan(1, 1, ["reset"]), stats, request, "GET /x", () => ({ status: 1, headers: {}, body: "" }))).toEqual({
      early: { kind: "reset" },
    });
    expect(drawFault(new FaultPlan(1, 1, ["stall"]), stats, request, "GET /x", () => ({ status: 1, headers: {}, body: "" }))).toEqual({ wireFault: "stall" });
    expect(stats.snapshot()).toMatchObject({ routes: { "GET /x": { "503": 1, reset: 1 } }, faults: { "status-503": 1, reset: 1, stall: 1 } });
  });
});

describe("small helpers", () => {
  test("listFlag splits a comma-separated flag and refuses an empty one", () => {
    expect(listFlag("api-keys", " k1, ,k2 ", "demo")).toEqual(["k1", "k2"]);
    expect(listFlag("api-keys", undefined, "demo")).toBeUndefined();
    expect(() => listFlag("api-keys", ",", "demo")).toThrow("--api-keys takes a comma-separated list, e.g. demo.");
  });

  test("mapLines maps lazily; StatsCounter.reply counts a reply and returns it as a response", () => {
    const lines = mapLines([1, 2], (n) => `${n}\n`);
    expect([...lines]).toEqual(["1\n", "2\n"]);
    const stats = new StatsCounter();
    expect(stats.reply("GET /x", BAD_GATEWAY_REPLY, "stall")).toEqual({ kind: "reply", reply: BAD_GATEWAY_REPLY, wireFault: "stall" });
    expect(stats.snapshot().routes).toEqual({ "GET /x": { "502": 1 } });
  });
});
