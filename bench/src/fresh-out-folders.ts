import { mkdir, rm, statfs } from "node:fs/promises";
import { join } from "node:path";

/** Free space kept for everyone else on the disk while runs keep their output. */
const RESERVE_BYTES = 15 * 1024 ** 3;

/**
 * A new, never-used output folder for each run, every one kept until `clear()` at the end of the
 * section. On this machine's ext4 (no journal) creating a file costs a scan past every inode of
 * its block group deleted in the last 60-360 s (`recently_deleted` in the kernel's inode
 * allocator): emptying the previous run's 3,000 files just before a run made that run pay for
 * them, up to half the CPU of a `files` run in `perf`. Only when the disk would fall below
 * `RESERVE_BYTES` free are the kept folders removed early (and the log says so).
 */
export class FreshOutFolders {
  #made = 0;
  #kept: string[] = [];

  constructor(
    private readonly base: string,
    private readonly bytesPerRun: number,
    private readonly log: (line: string) => void,
  ) {}

  async next(): Promise<string> {
    await mkdir(this.base, { recursive: true });
    const { bavail, bsize } = await statfs(this.base);
    if (bavail * bsize - this.bytesPerRun < RESERVE_BYTES && this.#kept.length > 0) {
      this.log(`  (disk nearly full: removing ${this.#kept.length} earlier outputs before this run; the next runs pay for their deletion)`);
      await this.clear();
    }
    const folder = join(this.base, `run-${this.#made++}`);
    this.#kept.push(folder);
    return folder;
  }

  async clear(): Promise<void> {
    for (const folder of this.#kept.splice(0)) await rm(folder, { recursive: true, force: true });
  }
}
