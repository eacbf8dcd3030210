import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeStorageAdapter } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll } from "vitest";
import { createTarStorage, type TarStorage } from "../src/index.js";
import { gnuTarExtract } from "./helpers/archive-readers.js";

let base: string;
let counter = 0;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "cat-harvest-storage-tar-conformance-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

for (const extension of [".tar", ".tar.gz"]) {
  describeStorageAdapter<TarStorage>(extension, () => createTarStorage({ path: join(base, `archive-${counter++}${extension}`) }), {
    capabilities: { read: true, list: true, replace: false, write: true },
    reopen: (closed) => createTarStorage({ path: closed.path }),
    openReadOnly: (closed) => createTarStorage({ path: closed.path, readOnly: true }),
    // What a user's tools see: GNU tar extracts it with nothing on stderr (Python's tarfile is checked in archive-readers.test.ts).
    inspect: (closed) => gnuTarExtract(closed.path, closed.gzip),
  });
}
