// A harvest-like writer for crash.test.ts: several producers put entries into one archive
// and print "stored <key>" once each put resolves. With "stall" as the third argument, the
// entry #20 delivers 100 kB of its body (more than one gzip member), prints "stalled", and never finishes, so the parent's
// SIGKILL lands in the middle of an entry.
import { stat } from "node:fs/promises";
import { patternBytes } from "@cat-harvest/storage-conformance";
import { createTarStorage } from "../../src/index.js";
import { keyOf, sizeOf } from "./crash-entries.js";

const [path, total, mode] = process.argv.slice(2) as [string, string, string | undefined];
const storage = createTarStorage({ path });
const count = Number(total);

function body(i: number): ReadableStream<Uint8Array> {
  const bytes = patternBytes(sizeOf(i), i);
  let at = 0;
  let sizeBefore = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (at === 0) sizeBefore = (await stat(path)).size;
        await new Promise((resolve) => setImmediate(resolve));
        if (mode === "stall" && i === 20 && at >= 100_000) {
          // Wait until part of this entry is on disk, so the kill leaves it half-written.
          while ((await stat(path)).size <= sizeBefore) await new Promise((resolve) => setTimeout(resolve, 5));
          process.stdout.write("stalled\n");
          await new Promise(() => {});
        }
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + 4_096));
        at += 4_096;
      },
    },
    { highWaterMark: 0 },
  );
}

let next = 0;
const worker = async () => {
  while (next < count) {
    const i = next++;
    await storage.put(keyOf(i), body(i), { size: sizeOf(i) });
    process.stdout.write(`stored ${keyOf(i)}\n`);
  }
};
await Promise.all(Array.from({ length: 6 }, worker));
await storage.close();
process.stdout.write("finished\n");
