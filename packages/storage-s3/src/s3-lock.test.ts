import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { acquireLock, LOCK_KEY, StorageLockedError } from "@cat-harvest/storage";
import { describeLockStore } from "@cat-harvest/storage-conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from "../test/s3rver.js";
import { createS3Storage, type S3Storage } from "./index.js";

const BUCKET = "locks";
let server: RunningS3rver;
let counter = 0;
const opened: S3Storage[] = [];
const open = async (prefix = `run-${counter++}`) => {
  const storage = await createS3Storage({
    bucket: BUCKET,
    prefix,
    endpoint: server.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  opened.push(storage);
  return storage;
};

beforeAll(async () => {
  server = await startS3rver([BUCKET]);
});
afterAll(async () => {
  await Promise.allSettled(opened.map((storage) => storage.close()));
  await server?.stop();
});

// s3rver ignores If-None-Match on PutObject (see below), so concurrent creates are not exclusive there.
describeLockStore("s3 (s3rver)", async () => (await open()).lock, { exclusiveCreate: false });

describe("the S3 lock", () => {
  test("is the object <prefix>/cat-harvest.lock", async () => {
    const storage = await open("sets/v1");
    expect(storage.lock.location).toBe(`s3://${BUCKET}/sets/v1/${LOCK_KEY}`);
    const lock = await acquireLock(storage.lock, { pid: 1, host: "host-a" });
    expect(await storage.stat(LOCK_KEY)).not.toBeNull();
    await lock.release();
    expect(await storage.stat(LOCK_KEY)).toBeNull();
  });

  test("s3rver 3.7.1 ignores If-None-Match: * (AWS S3 answers 412), so what remains there is ask-then-write and a read-back of the token", async () => {
    const raw = new S3Client({ endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    try {
      const put = (body: string) => raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: "probe/x", Body: body, IfNoneMatch: "*" }));
      await put("first");
      // On AWS S3 this second conditional write fails with 412 PreconditionFailed; s3rver stores it.
      await expect(put("second")).resolves.toBeDefined();
    } finally {
      raw.destroy();
    }
    // The guarantee that remains: a run that starts once another's lock is stored is refused.
    const storage = await open();
    const first = await acquireLock(storage.lock, { pid: 1, host: "host-a" });
    await expect(acquireLock(storage.lock, { pid: 2, host: "host-b" })).rejects.toBeInstanceOf(StorageLockedError);
    await first.release();
  });
});
