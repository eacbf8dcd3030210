import { createMemoryStorage, type StorageAdapter } from "@cat-harvest/storage";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startPhotoServer, type PhotoServer } from "../../test/helpers/photo-server.js";
import { downloadList } from "../download-list.js";
import type { UnreadableLine } from "../read-metadata.js";
import { readShardMembers } from "./read-shard-members.js";
import { readShardRows } from "./read-shard-rows.js";
import { readShardPlan } from "./store-plan.js";

let server: PhotoServer;
beforeAll(async () => {
  server = await startPhotoServer();
});
afterAll(() => server.close());

async function webdataset() {
  const storage = createMemoryStorage();
  const keep = new Proxy(storage, { get: (t, name, r) => (name === "close" ? async () => {} : Reflect.get(t, name, r)) }) as StorageAdapter;
  const list = ["url,label", ...[11, 12, 14, 15, 16].map((n) => `${server.base}/${n}.${n % 2 ? "png" : "jpg"},tabby`), `${server.base}/0.png,manx`].join("\n");
  await downloadList({ input: () => new Response(list).body!, inputName: "urls.csv", storage: keep, format: "webdataset", shardSize: 4, concurrency: 2 });
  return { storage, plan: (await readShardPlan(storage))! };
}

describe("readShardRows", () => {
  test("yields every finished shard's rows in order, skips an unfinished shard, and passes damaged lines on", async () => {
    const { storage, plan } = await webdataset();
    const all = [];
    for await (const row of readShardRows(storage, plan, () => {})) all.push(row);
    expect(all.map((r) => [r.shard, r.line.status])).toEqual([
      [0, "stored"],
      [0, "stored"],
      [0, "stored"],
      [0, "stored"],
      [1, "stored"],
      [1, "failed"],
    ]);
    await storage.put("00001.jsonl", new TextEncoder().encode('{"status":"stored"}\nnot json\n{"no":"status"}\n'));
    await storage.delete("00000_stats.json");
    const unreadable: UnreadableLine[] = [];
    const left = [];
    for await (const row of readShardRows(storage, plan, (line) => unreadable.push(line))) left.push(row.shard);
    expect(left).toEqual([1]);
    expect(unreadable).toEqual([
      { file: "00001.jsonl", line: 2, problem: "not JSON (cut short?)" },
      { file: "00001.jsonl", line: 3, problem: 'no "status"' },
    ]);
  });
});

describe("readShardMembers", () => {
  test("yields the wanted members' bytes, in tar order, and nothing for a tar that is not stored", async () => {
    const { storage } = await webdataset();
    const rows = [];
    for await (const { shard, line } of readShardRows(storage, (await readShardPlan(storage))!, () => {})) if (shard === 0 && line.file) rows.push(line);
    const wanted = new Set([rows[2]!.file!, rows[0]!.file!]);
    const found = [];
    for await (const member of readShardMembers(storage, "00000.tar", wanted)) found.push(member);
    expect(found.map((m) => m.name)).toEqual([rows[0]!.file, rows[2]!.file]);
    for (const member of found) {
      const row = rows.find((r) => r.file === member.name)!;
      expect(member.bytes.byteLength).toBe(row.bytes);
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", member.bytes as Uint8Array<ArrayBuffer>));
      expect([...digest].map((b) => b.toString(16).padStart(2, "0")).join("")).toBe(row.sha256);
    }
    const none = [];
    for await (const member of readShardMembers(storage, "00009.tar", wanted)) none.push(member);
    expect(none).toEqual([]);
  });
});
