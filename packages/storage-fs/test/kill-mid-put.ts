// Child process for the "killed in the middle of a put" test: starts a put whose body
// never ends, says "streaming" once bytes are on disk, and waits to be killed.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { createFsStorage } from "../src/index.ts";

const root = process.argv[2];
if (!root) throw new Error("usage: kill-mid-put.ts <root>");
const storage = await createFsStorage({ root });
let sent = 0;
const body = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (sent++ < 4) controller.enqueue(new Uint8Array(64 * 1024).fill(sent));
    else return new Promise<void>(() => {});
  },
});
void storage.put("Bengal/1-1.jpg", body);
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  const names = await readdir(join(root, "Bengal")).catch(() => []);
  if (names.length) break;
}
process.stdout.write("streaming\n");
setInterval(() => {}, 1000);
