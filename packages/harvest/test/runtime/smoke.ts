import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { downloadList, harvest, parseUrlList, urlListInputOf, verifyDataset, HarvestBadRowError, HarvestInputError } from "@cat-harvest/harvest";
import { parquetWriteBuffer } from "hyparquet-writer";
import { createPetfinderClient, createPetfinderSource } from "@cat-harvest/petfinder";
import { startEmulator } from "@cat-harvest/petfinder-emulator";
import { createMemoryStorage } from "@cat-harvest/storage";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

export const cases: SmokeCase[] = [
  {
    name: "harvest: URL lists parse, with the line of a bad entry",
    async fn() {
      const entries = [];
      for await (const e of parseUrlList(new Response('url,label\nhttp://a.test/1.jpg,"Tabby, orange"\n').body!, "x.csv")) entries.push(e);
      assert.deepEqual(entries, [{ url: "http://a.test/1.jpg", label: "Tabby, orange", line: 2 }]);
      await assert.rejects(
        async () => {
          for await (const _ of parseUrlList(new Response("http://a.test/1.jpg\nnope\n").body!, "x.txt"));
        },
        (e: unknown) => e instanceof HarvestInputError && e.line === 2,
      );
    },
  },
  {
    name: "harvest: URL lists in every format (gzip by DecompressionStream, Parquet by hyparquet), bad rows reported",
    async fn() {
      const urls = ["http://a.test/1.jpg", "https://a.test/2.jpg"];
      const want = (first: number) => urls.map((url, i) => ({ url, label: "Tabby", line: first + i }));
      const gzip = (text: string) => new Response(text).body!.pipeThrough(new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
      const read = async (body: ReadableStream<Uint8Array> | ReturnType<typeof urlListInputOf>, name: string, onBadRow?: (e: HarvestInputError) => void) => {
        const out = [];
        for await (const e of parseUrlList(body, name, undefined, { urlColumn: "link", ...(onBadRow ? { onBadRow } : {}) })) out.push(e);
        return out;
      };
      assert.deepEqual(await read(gzip(`link,label\n${urls.map((u) => `${u},Tabby`).join("\n")}\n`), "x.csv.gz"), want(2));
      assert.deepEqual(await read(new Response(`link\tlabel\n${urls.map((u) => `${u}\tTabby`).join("\n")}\n`).body!, "x.tsv"), want(2));
      const jsonl = urls.map((link) => JSON.stringify({ link, label: "Tabby" })).join("\n");
      assert.deepEqual(await read(gzip(`${jsonl}\n{"link":\n`), "x.jsonl.gz", () => {}), want(1));
      const parquet = new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: "link", data: [urls[0]!, "ftp://a.test/3.jpg", urls[1]!], type: "STRING" },
            { name: "label", data: ["Tabby", "Tabby", "Tabby"], type: "STRING" },
          ],
          rowGroupSize: 2,
        }),
      );
      const bad: HarvestInputError[] = [];
      const rows = await read(urlListInputOf("x.parquet", parquet), "x.parquet", (e) => bad.push(e));
      assert.deepEqual(rows, [want(1)[0], { ...want(1)[1], line: 3 }]);
      assert.ok(bad.length === 1 && bad[0] instanceof HarvestBadRowError && bad[0].line === 2 && bad[0].reason === "invalid-url");
    },
  },
  {
    name: "harvest: one breed from the emulator into memory, byte for byte against the truth",
    timeout: 60_000,
    async fn() {
      const emulator = await startEmulator({ seed: 5, scale: 0.01, port: 0 });
      try {
        const objects = createMemoryStorage();
        const storage = { ...objects, close: async () => {} };
        const summary = await harvest({
          sources: [createPetfinderSource(createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: emulator.url }))],
          storage,
          breeds: ["Siamese"],
          concurrency: 4,
        });
        assert.equal(summary.status, "complete");
        assert.ok(summary.stored > 0);
        const truth = new Map(
          (await (await fetch(`${emulator.url}/_emulator/truth`)).text())
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { url: string; sha256: string })
            .map((r) => [r.url, r.sha256]),
        );
        const rows = new TextDecoder()
          .decode(objects.objects.get("metadata.jsonl"))
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l));
        assert.equal(rows.length, summary.files);
        for (const row of rows) {
          const digest = createHash("sha256").update(objects.objects.get(row.file_name)!).digest("hex");
          assert.equal(digest, row.sha256);
          assert.equal(truth.get(row.source_url), row.sha256);
        }
      } finally {
        await emulator.stop();
      }
    },
  },
  {
    name: "harvest: a URL list from the emulator into webdataset shards in memory, each row against the truth, then verified",
    timeout: 60_000,
    async fn() {
      const emulator = await startEmulator({ seed: 5, scale: 0.01, port: 0 });
      try {
        const truth = new Map(
          (await (await fetch(`${emulator.url}/_emulator/truth`)).text())
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { url: string; sha256: string })
            .filter((r) => !r.url.includes("width="))
            .slice(0, 6)
            .map((r) => [r.url, r.sha256]),
        );
        const list = ["url,label", ...[...truth.keys()].map((u, i) => `${u},${i % 2 ? "tabby" : "manx"}`)].join("\n");
        const objects = createMemoryStorage();
        const storage = { ...objects, close: async () => {} };
        const summary = await downloadList({
          input: () => new Response(list).body!,
          inputName: "list.csv",
          storage,
          format: "webdataset",
          shardSize: 4,
          concurrency: 2,
        });
        assert.equal(summary.status, "complete");
        assert.equal(summary.files, 6);
        for (const shard of ["00000", "00001"]) {
          assert.ok(objects.objects.get(`${shard}.tar`)!.byteLength > 1024);
          for (const line of new TextDecoder()
            .decode(objects.objects.get(`${shard}.jsonl`))
            .trim()
            .split("\n")) {
            const row = JSON.parse(line) as { url: string; sha256: string; status: string };
            assert.equal(row.status, "stored");
            assert.equal(truth.get(row.url), row.sha256);
          }
        }
        const verified = await verifyDataset(storage);
        assert.deepEqual([verified.checked, verified.ok, verified.missing.length, verified.corrupted.length], [6, 6, 0, 0]);
      } finally {
        await emulator.stop();
      }
    },
  },
];
