import { FingerprintSet } from "../fingerprint-set.js";
import { contentFingerprint, folderOf } from "./cross-shard-duplicates.js";
import { sampleKey } from "./shard-names.js";
import type { ShardPlan } from "./shard-plan.js";
import type { RowOutcome, ShardRowLine, ShardStats } from "./shard-result.js";
import type { ShardRow } from "./shard-row.js";
import { duplicateLine, shardRowLine } from "./shard-row-line.js";
import { utf8Length } from "./utf8-length.js";

const PENDING = 0;
const STORED = 1;
const FAILED = 2;
const DUPLICATE = 3;
const STATUS = { stored: STORED, failed: FAILED, duplicate: DUPLICATE } as const;
/** Lines encoded per chunk of the `.jsonl` body. */
const LINES_PER_CHUNK = 512;

/** A stored row as its tar sample needs it. */
export interface StoredSample {
  /** Its index within the shard. */
  readonly index: number;
  readonly key: string;
  /** Its image member's name (`<key>.<ext>`). */
  readonly file: string;
  readonly bytes: number;
  /** Its row line: the `.json` member. */
  readonly line: string;
  readonly lineBytes: number;
  /** Its class index, when the list has labels. */
  readonly cls: number | undefined;
}

/**
 * What a shard knows of its rows until its end, compact: each row's line is encoded (one
 * string) as soon as its outcome settles, and the rest sits in typed columns (status, bytes,
 * the content fingerprint, the line's UTF-8 length, the image extension, the class). No object
 * per row outlives its download: a shard of 10,000 rows holds about 3-4 MB, not 16.
 */
export class ShardLedger {
  readonly #plan: ShardPlan;
  readonly #first: number;
  readonly #lines: string[] = [];
  readonly #exts: string[] = [];
  #status = new Uint8Array(1024);
  #fetched = new Uint8Array(1024);
  #bytes = new Float64Array(1024);
  #lineBytes = new Uint32Array(1024);
  #ext = new Uint8Array(1024);
  #cls = new Int32Array(1024);
  #fingerprints = new Uint32Array(2048);
  readonly #failureReasons: Record<string, number> = {};

  constructor(plan: ShardPlan, index: number) {
    this.#plan = plan;
    this.#first = index * plan.shardSize;
  }

  /** Rows taken so far. */
  get rows(): number {
    return this.#lines.length;
  }

  /** The sample key of row `i` of the shard. */
  key(i: number): string {
    return sampleKey(this.#plan.shardSize, this.#first + i);
  }

  /** Takes the next row (in order) and returns its index; `fetched` when its body is put somewhere. */
  take(fetched: boolean): number {
    const i = this.#lines.length;
    if (i === this.#status.length) this.#grow();
    this.#lines.push("");
    this.#fetched[i] = fetched ? 1 : 0;
    return i;
  }

  /** Whether row `i` was handed to a download (its body may sit at its target). */
  fetched(i: number): boolean {
    return this.#fetched[i] === 1;
  }

  /** Records row `i`'s outcome: its line is encoded now, `file` is where a stored row's body is. */
  settle(i: number, row: ShardRow, outcome: RowOutcome, file: string | undefined): void {
    const line = shardRowLine(this.key(i), row, outcome, this.#plan.labels, file);
    this.#setLine(i, line);
    this.#status[i] = STATUS[outcome.status];
    this.#cls[i] = line.cls ?? -1;
    if (outcome.status === "failed") this.#failureReasons[outcome.reason] = (this.#failureReasons[outcome.reason] ?? 0) + 1;
    if (outcome.status !== "stored") return;
    this.#bytes[i] = outcome.bytes;
    this.#ext[i] = this.#extCode(outcome.ext);
    const { hi, lo } = contentFingerprint(this.#plan, line);
    this.#fingerprints[i * 2] = hi;
    this.#fingerprints[i * 2 + 1] = lo;
  }

  /**
   * Marks later copies, in row order (never completion order): a stored row whose content
   * (sha256, within its folder for `files`) an earlier row holds becomes `duplicate`, naming that
   * row's file. Returns each copy's file with its holder's (their bodies are to be dropped).
   */
  markDuplicates(): Array<[copy: string, holder: string]> {
    const seen = new FingerprintSet({ values: true });
    const dropped: Array<[string, string]> = [];
    for (let i = 0; i < this.rows; i++) {
      if (this.#status[i] !== STORED) continue;
      const holder = seen.add({ hi: this.#fingerprints[i * 2]!, lo: this.#fingerprints[i * 2 + 1]! }, i);
      if (holder === -1) continue;
      const copy = JSON.parse(this.#lines[i]!) as ShardRowLine;
      const first = JSON.parse(this.#lines[holder]!) as ShardRowLine;
      // A 64-bit fingerprint shared by different contents (odds 2^-64): not a copy.
      if (copy.sha256 !== first.sha256 || folderOf(copy.file!) !== folderOf(first.file!)) continue;
      this.#setLine(i, duplicateLine(copy, first.file!));
      this.#status[i] = DUPLICATE;
      dropped.push([copy.file!, first.file!]);
    }
    return dropped;
  }

  /** The stored rows, in row order, as their tar samples. */
  *storedSamples(): Generator<StoredSample> {
    for (let i = 0; i < this.rows; i++) {
      if (this.#status[i] !== STORED) continue;
      const key = this.key(i);
      const cls = this.#cls[i]!;
      yield {
        index: i,
        key,
        file: `${key}.${this.#exts[this.#ext[i]!]}`,
        bytes: this.#bytes[i]!,
        line: this.#lines[i]!,
        lineBytes: this.#lineBytes[i]!,
        cls: cls === -1 ? undefined : cls,
      };
    }
  }

  /** The shard's `.jsonl`: every row's line, in row order, encoded chunk by chunk as it is read, and its length. */
  linesBody(): { body: ReadableStream<Uint8Array>; size: number } {
    let size = 0;
    for (let i = 0; i < this.rows; i++) size += this.#lineBytes[i]! + 1;
    const encoder = new TextEncoder();
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (next >= this.rows) return controller.close();
        const end = Math.min(next + LINES_PER_CHUNK, this.rows);
        controller.enqueue(encoder.encode(`${this.#lines.slice(next, end).join("\n")}\n`));
        next = end;
      },
    });
    return { body, size };
  }

  /** The shard's stats, from its rows' outcomes. */
  stats(shard: number, seconds: number): ShardStats {
    let stored = 0;
    let failed = 0;
    let duplicates = 0;
    let bytes = 0;
    for (let i = 0; i < this.rows; i++) {
      const status = this.#status[i];
      if (status === STORED) {
        stored++;
        bytes += this.#bytes[i]!;
      } else if (status === DUPLICATE) duplicates++;
      else if (status === FAILED) failed++;
      else if (status === PENDING) throw new Error(`shard ${shard}: row ${i} has no outcome`);
    }
    const failureReasons = { ...this.#failureReasons };
    return { version: 1, shard, format: this.#plan.format, rows: this.rows, stored, failed, duplicates, failureReasons, bytes, seconds };
  }

  #setLine(i: number, line: ShardRowLine): void {
    const text = JSON.stringify(line);
    this.#lines[i] = text;
    this.#lineBytes[i] = utf8Length(text);
  }

  #extCode(ext: string): number {
    const known = this.#exts.indexOf(ext);
    if (known !== -1) return known;
    if (this.#exts.length === 256) throw new RangeError(`more than 256 image extensions in one shard (${ext})`);
    return this.#exts.push(ext) - 1;
  }

  #grow(): void {
    const grow = <T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const grown = make(old.length * 2);
      grown.set(old);
      return grown;
    };
    this.#status = grow(this.#status, (n) => new Uint8Array(n));
    this.#fetched = grow(this.#fetched, (n) => new Uint8Array(n));
    this.#bytes = grow(this.#bytes, (n) => new Float64Array(n));
    this.#lineBytes = grow(this.#lineBytes, (n) => new Uint32Array(n));
    this.#ext = grow(this.#ext, (n) => new Uint8Array(n));
    this.#cls = grow(this.#cls, (n) => new Int32Array(n));
    this.#fingerprints = grow(this.#fingerprints, (n) => new Uint32Array(n));
  }
}
