import { TarArchiveError } from "./errors.js";
import { TAIL_MEMBER_SIZE, readMember } from "./gzip-member.js";
import type { ReadAt, TarSource } from "./scan-archive.js";
import { isZeroBlock } from "./tar-header.js";

/** One gzip member of a .tar.gz. */
export interface Member {
  /** File offset. */
  readonly offset: number;
  /** Compressed length. */
  readonly size: number;
  /** Offset of its output in the tar stream. */
  readonly start: number;
  /** Length of its output. */
  readonly length: number;
  /** Output is exactly tar's end marker. */
  readonly isTail: boolean;
}

/**
 * The tar stream of a .tar.gz, decoded one gzip member at a time as the walk reads on, and
 * the members it was made of (`members`, in file order). Skipped data is not kept in memory.
 */
export class GzMemberSource implements TarSource {
  readonly members: Member[] = [];
  /** File offset after the last complete member. */
  nextOffset = 0;
  /** Bytes of tar stream the members decoded so far. */
  produced = 0;
  position = 0;
  #finished = false;
  #buffer = new Uint8Array(0);
  #bufferStart = 0;

  constructor(
    private readonly readFile: ReadAt,
    private readonly length: number,
    private readonly path: string,
  ) {}

  async read(n: number): Promise<Uint8Array> {
    while (this.produced - this.position < n && !this.#finished) await this.#decodeNext();
    const from = this.position - this.#bufferStart;
    const bytes = this.#buffer.subarray(from, Math.min(from + n, this.#buffer.length));
    this.position += bytes.length;
    return bytes;
  }

  async skip(n: number): Promise<number> {
    const from = this.position;
    const target = this.position + n;
    while (this.produced < target && !this.#finished) {
      // Data being skipped need not stay in memory.
      this.#buffer = new Uint8Array(0);
      this.position = this.#bufferStart = this.produced;
      await this.#decodeNext();
    }
    this.position = Math.min(target, this.produced);
    return this.position - from;
  }

  /** Decodes the next member onto the buffer; a truncated member (or the file's end) finishes the stream. */
  async #decodeNext(): Promise<void> {
    if (this.#finished || this.nextOffset >= this.length) {
      this.#finished = true;
      return;
    }
    const outcome = await readMember(this.readFile, this.nextOffset, this.length);
    if (outcome.kind === "truncated") {
      this.#finished = true;
      return;
    }
    if (outcome.kind === "corrupt") throw new TarArchiveError(this.path, outcome.problem, this.nextOffset);
    const { data } = outcome;
    this.members.push({
      offset: this.nextOffset,
      size: outcome.length,
      start: this.produced,
      length: data.length,
      isTail: outcome.length === TAIL_MEMBER_SIZE && data.length === 1024 && isZeroBlock(data),
    });
    this.nextOffset += outcome.length;
    this.produced += data.length;
    const kept = this.#buffer.subarray(this.position - this.#bufferStart);
    const next = new Uint8Array(kept.length + data.length);
    next.set(kept);
    next.set(data, kept.length);
    this.#buffer = next;
    this.#bufferStart = this.position;
  }
}
