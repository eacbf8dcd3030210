// Starts s3rver (a real S3-protocol server) on 127.0.0.1, a free port, in a temp folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export interface RunningS3rver {
  readonly endpoint: string;
  readonly directory: string;
  stop(): Promise<void>;
}

/** s3rver's built-in account; it knows no other access key id. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export async function startS3rver(buckets: readonly string[]): Promise<RunningS3rver> {
  const directory = await mkdtemp(join(tmpdir(), "cat-harvest-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
