import assert from "node:assert/strict";
import { openDatasetReader, writeReport } from "@cat-harvest/report";
import { createMemoryStorage } from "@cat-harvest/storage";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";
import { fixtureThumbnailer, writeFixtureDataset } from "../fixture-dataset.ts";
import { startFixturePhotos, writeFixtureWebdataset } from "../webdataset-fixture.ts";

export const cases: SmokeCase[] = [
  {
    name: "report: report.html and the card of a small data set, thumbnails made with sharp",
    async fn() {
      const storage = createMemoryStorage();
      const rows = await writeFixtureDataset(storage);
      const result = await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "smoke", perBreed: 2 });
      assert.equal(result.thumbnails, 6);
      assert.equal(result.data.files, rows.length);
      const html = new TextDecoder().decode(storage.objects.get("report.html"));
      assert.match(html, /src="data:image\/jpeg;base64,/);
      assert.match(new TextDecoder().decode(storage.objects.get("README.md")), /task_categories:\n {2}- image-classification/);
    },
  },
  {
    name: "report: report.html of webdataset tar shards, thumbnails streamed out of the tars",
    timeout: 60_000,
    async fn() {
      const photos = await startFixturePhotos();
      try {
        const storage = await writeFixtureWebdataset(photos.base);
        assert.equal((await openDatasetReader(storage)).layout, "webdataset");
        const result = await writeReport(storage, { thumbnailer: fixtureThumbnailer, version: "smoke" });
        assert.deepEqual(
          result.data.breeds.map((b) => [b.breed, b.images]),
          [
            ["Siamese", 6],
            ["Bengal", 3],
          ],
        );
        assert.equal(result.thumbnails, 9);
        assert.match(new TextDecoder().decode(storage.objects.get("README.md")), /- "\*\.tar"/);
      } finally {
        await photos.close();
      }
    },
  },
];
