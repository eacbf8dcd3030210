// s3rver for the command's end-to-end tests, and reading a data set back through DEST's own storage.
import { join } from "node:path";
import { openDestination } from "@cat-harvest/command";
import type { StorageAdapter } from "@cat-harvest/storage";
import S3rver from "s3rver";
import { afterAll, beforeAll } from "vitest";

/** A data set's file read back whole, or `undefined` when it is missing. */
export type ReadKey = (key: string) => Promise<Uint8Array | undefined>;

/**
 * Starts s3rver with the bucket `cats` (in `folder()/s3rver`) before the tests of the enclosing
 * `describe`, and stops it after. `env()` is what the command needs to use it.
 */
export function useS3rver(folder: () => string): { env: () => Record<string, string>; endpoint: () => string } {
  let s3: S3rver | undefined;
  let endpoint = "";
  beforeAll(async () => {
    s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: join(folder(), "s3rver"), configureBuckets: [{ name: "cats", configs: [] }] });
    const { port } = (await s3.run()) as { port: number };
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await s3?.close();
  });
  return {
    env: () => ({ AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: endpoint }),
    endpoint: () => endpoint,
  };
}

/** Opens DEST as the command does and hands `use` a reader of its files (and the storage), closing it after. */
export async function withDestination<T>(dest: string, env: Record<string, string>, use: (read: ReadKey, storage: StorageAdapter) => Promise<T>): Promise<T> {
  const opened = await openDestination(dest, env);
  try {
    const storage = await opened.openStorage();
    const read: ReadKey = async (key) => {
      const body = await storage.get(key);
      return body ? new Uint8Array(await new Response(body).arrayBuffer()) : undefined;
    };
    return await use(read, storage);
  } finally {
    await opened.close();
  }
}
