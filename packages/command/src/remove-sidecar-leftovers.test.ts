import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { removeSidecarLeftovers } from "./remove-sidecar-leftovers.js";

test("removes a killed run's temporary files of one sidecar and nothing else", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cat-harvest-sidecar-"));
  try {
    const names = [
      ".cats.records.jsonl.gz.0123456789ab.part", // the sidecar's: removed
      ".dogs.records.jsonl.gz.0123456789ab.part", // another archive's sidecar: kept
      "cats.records.jsonl.gz",
      "cats.tar.gz",
      ".cats.records.jsonl.gz.part",
    ];
    for (const name of names) await writeFile(join(dir, name), "x");
    await removeSidecarLeftovers(dir, "cats.records.jsonl.gz");
    expect((await readdir(dir)).sort()).toEqual(names.slice(1).sort());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
