import type { Env } from "./command-io.js";
import { CommandUsageError } from "./errors.js";
import { loadStorageS3 } from "./load-storage-s3.js";
import type { OpenedList } from "./open-list.js";
import { s3SettingsFromEnv } from "./s3-settings-from-env.js";

/**
 * A URL list in S3 (`--input s3://bucket/key`), with the standard AWS variables: streamed with
 * one GetObject, read by ranged GETs for Parquet. `undefined` when there is no such object.
 */
export async function openS3List(url: string, env: Env): Promise<OpenedList | undefined> {
  const parts = /^s3:\/\/([^/]+)\/(.*[^/])$/i.exec(url);
  if (!parts) throw new CommandUsageError("input", `--input ${JSON.stringify(url)} must name an object: s3://bucket/path/urls.parquet`);
  const [, bucket, key] = parts as unknown as [string, string, string];
  const slash = key.lastIndexOf("/");
  const name = key.slice(slash + 1);
  const { createS3Storage } = await loadStorageS3();
  const storage = await createS3Storage({ bucket, prefix: slash === -1 ? "" : key.slice(0, slash), readOnly: true, ...s3SettingsFromEnv(env) });
  const info = await storage.stat(name).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  if (!info) {
    await storage.close();
    return undefined;
  }
  return {
    name: url,
    size: info.size,
    stream: () => deferredStream(() => storage.get(name), url),
    read: async (start, end) => (await storage.getRange(name, start, Math.min(end, info.size))) ?? gone(url),
    close: () => storage.close(),
  };
}

function gone(url: string): never {
  throw new CommandUsageError("input", `--input ${url} was removed while it was read`);
}

/** A stream that opens its source on the first read. */
function deferredStream(open: () => Promise<ReadableStream<Uint8Array> | null>, url: string): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      reader ??= ((await open()) ?? gone(url)).getReader();
      const read = await reader.read();
      if (read.done) controller.close();
      else controller.enqueue(read.value);
    },
    cancel: (reason) => reader?.cancel(reason),
  });
}
