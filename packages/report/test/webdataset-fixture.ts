import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { downloadList } from "@cat-harvest/harvest";
import { createMemoryStorage, type MemoryStorage } from "@cat-harvest/storage";
import { photo } from "./fixture-dataset.ts";

/** A photo server on 127.0.0.1: `/<n>.jpg` and `/copy/<n>.jpg` are fixture photo n (real JPEGs), anything else a 404. */
export async function startFixturePhotos(): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const n = /^\/(?:copy\/)?(\d+)\.jpg$/.exec(request.url ?? "")?.[1];
    if (n === undefined) return void response.writeHead(404).end();
    void photo(Number(n)).then((bytes) => response.writeHead(200, { "content-type": "image/jpeg" }).end(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // Keep-alive connections closed too: a server waiting for them takes a minute to close under Deno.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A webdataset in memory, as `download --format webdataset` leaves it: eleven rows in shards of
 * 4 (6 Siamese, 3 Bengal stored), a 404, and in the last shard a copy of the first shard's photo.
 */
export async function writeFixtureWebdataset(base: string): Promise<MemoryStorage> {
  const rows = ["url,label"];
  for (let n = 0; n < 9; n++) rows.push(`${base}/${n}.jpg,${n % 3 === 0 ? "Bengal" : "Siamese"}`);
  rows.push(`${base}/missing.png,Siamese`, `${base}/copy/0.jpg,Bengal`);
  const storage = createMemoryStorage();
  // The run closes its storage; the test reads it afterwards.
  const kept = new Proxy(storage, { get: (t, name, r) => (name === "close" ? async () => {} : Reflect.get(t, name, r)) });
  await downloadList({
    input: () => new Response(rows.join("\n")).body!,
    inputName: "urls.csv",
    storage: kept,
    format: "webdataset",
    shardSize: 4,
    concurrency: 4,
  });
  return storage;
}
