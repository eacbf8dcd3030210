import { stat } from "node:fs/promises";
import { expect, test } from "vitest";
import { openSpoolFolder } from "./spool-folder.js";

test("a webdataset run into S3 spools in a temporary folder, removed with its contents", async () => {
  const spool = (await openSpoolFolder("webdataset", "s3"))!;
  await spool.storage.put("_spool/00000/000000000", new Uint8Array([1, 2, 3]));
  expect((await stat(spool.path)).isDirectory()).toBe(true);
  await spool.remove();
  await expect(stat(spool.path)).rejects.toMatchObject({ code: "ENOENT" });
});

test("other runs spool in DEST (no folder)", async () => {
  expect(await openSpoolFolder("webdataset", "fs")).toBeUndefined();
  expect(await openSpoolFolder("files", "s3")).toBeUndefined();
  expect(await openSpoolFolder(undefined, "s3")).toBeUndefined();
});
