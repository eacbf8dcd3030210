import assert from "node:assert/strict";
import { StorageKeyError } from "@cat-harvest/storage";
import { MIN_PART_SIZE, S3BucketNotFoundError, S3CredentialsError, createS3Storage } from "@cat-harvest/storage-s3";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";
import { S3RVER_CREDENTIALS, startS3rver } from "../s3rver.ts";

export const cases: SmokeCase[] = [
  {
    name: "storage-s3: s3rver started in this runtime; round trip, multipart stream, list, typed access errors",
    timeout: 120_000,
    async fn() {
      const server = await startS3rver(["cats"]);
      const connection = { endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS };
      try {
        const storage = await createS3Storage({ bucket: "cats", prefix: "smoke", partSize: MIN_PART_SIZE, ...connection });
        await storage.put("Bengal/1-1.jpg", new Response("meow").body!, { contentType: "image/jpeg" });
        const info = await storage.stat("Bengal/1-1.jpg");
        assert.deepEqual({ key: info?.key, size: info?.size }, { key: "Bengal/1-1.jpg", size: 4 });
        assert.equal(typeof info?.stamp, "string");
        assert.equal(await new Response(await storage.get("Bengal/1-1.jpg")).text(), "meow");

        // Unknown length, over one part: a multipart upload.
        const total = MIN_PART_SIZE + 300_000;
        let sent = 0;
        const big = new ReadableStream<Uint8Array>({
          pull(c) {
            if (sent >= total) return c.close();
            const n = Math.min(256 * 1024, total - sent);
            c.enqueue(new Uint8Array(n).fill(sent % 251));
            sent += n;
          },
        });
        await storage.put("archives/cats.tar.gz", big);
        const archive = await storage.stat("archives/cats.tar.gz");
        assert.deepEqual({ key: archive?.key, size: archive?.size }, { key: "archives/cats.tar.gz", size: total });

        const failing = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new Uint8Array(1000));
            c.error(new Error("reset"));
          },
        });
        await assert.rejects(storage.put("Bengal/2-1.jpg", failing), /reset/);
        assert.equal(await storage.stat("Bengal/2-1.jpg"), null);
        await assert.rejects(storage.put("../x", new Uint8Array()), StorageKeyError);

        const keys: string[] = [];
        for await (const info of storage.list()) keys.push(info.key);
        assert.deepEqual(keys.sort(), ["Bengal/1-1.jpg", "archives/cats.tar.gz"]);
        await storage.close();

        await assert.rejects(createS3Storage({ bucket: "missing", ...connection }), S3BucketNotFoundError);
        await assert.rejects(
          createS3Storage({ bucket: "cats", ...connection, credentials: { accessKeyId: "AKIAWRONG0000", secretAccessKey: "nope" } }),
          (error: unknown) => error instanceof S3CredentialsError && !String((error as Error).message).includes("AKIAWRONG0000"),
        );
      } finally {
        await server.stop();
      }
    },
  },
];
