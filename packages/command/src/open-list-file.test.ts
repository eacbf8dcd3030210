import { createWriteStream } from "node:fs";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createGzip } from "node:zlib";
import { parseUrlList } from "@cat-harvest/harvest";
import { fileWriter, ParquetWriter, schemaFromColumnData, type ColumnSource } from "hyparquet-writer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openListFile } from "./open-list-file.js";

const ROWS = 200_000;
const GROUP = 10_000;
/** Row `i` of the generated lists: long URLs, so holding the rows would show in the heap (about 50 MB for 200,000). */
const urlOf = (i: number) => `https://img${i % 97}.example.test/photos/${i.toString(36).padStart(8, "0")}/${"tabby-".repeat(16)}${i}.jpg`;
const labelOf = (i: number) => `breed-${i % 50}`;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cat-harvest-list-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A 200,000-row `.csv.gz`, compressed as it is generated. */
async function writeCsvGz(path: string): Promise<void> {
  function* text() {
    yield "label,url\n";
    for (let i = 0; i < ROWS; i += GROUP) yield Array.from({ length: GROUP }, (_, k) => `${labelOf(i + k)},${urlOf(i + k)}\n`).join("");
  }
  await pipeline(Readable.from(text()), createGzip(), createWriteStream(path));
}

/** A 200,000-row Parquet file (hyparquet-writer) of two row groups of 100,000 rows, as pyarrow writes big ones. */
function writeParquet(path: string): void {
  const rows = ROWS / 2;
  const group = (start: number): ColumnSource[] => [
    { name: "URL", data: Array.from({ length: rows }, (_, k) => urlOf(start + k)), type: "STRING" },
    { name: "breed", data: Array.from({ length: rows }, (_, k) => labelOf(start + k)), type: "STRING" },
  ];
  const writer = new ParquetWriter({ writer: fileWriter(path), schema: schemaFromColumnData({ columnData: group(0) }) });
  for (let start = 0; start < ROWS; start += rows) void writer.write({ columnData: group(start), rowGroupSize: rows });
  void writer.finish();
}

/** Reads the list through `openListFile`, checking every row, and returns the heap's growth (after GC) over the reading. */
async function readChecked(path: string, firstLine: number, columns: { urlColumn?: string; labelColumn?: string }): Promise<{ rows: number; growth: number }> {
  const input = (await openListFile(path))!;
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let rows = 0;
  for await (const entry of parseUrlList(input, input.name, undefined, columns)) {
    const i = rows++;
    if (entry.url !== urlOf(i) || entry.label !== labelOf(i) || entry.line !== firstLine + i) {
      expect(entry).toEqual({ url: urlOf(i), label: labelOf(i), line: firstLine + i });
    }
    if (rows % 25_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  return { rows, growth: peak - base };
}

describe("a 200,000-row list is read row by row, its memory flat", () => {
  test("from .csv.gz", { timeout: 120_000 }, async () => {
    const path = join(tmp, "big.csv.gz");
    await writeCsvGz(path);
    const { rows, growth } = await readChecked(path, 2, {});
    expect(rows).toBe(ROWS);
    expect(growth).toBeLessThan(16 * 1024 * 1024);
  });

  test("from .parquet of 100,000-row groups, with its columns named otherwise", { timeout: 120_000 }, async () => {
    const path = join(tmp, "big.parquet");
    writeParquet(path);
    const { rows, growth } = await readChecked(path, 1, { urlColumn: "URL", labelColumn: "breed" });
    expect(rows).toBe(ROWS);
    expect(growth).toBeLessThan(16 * 1024 * 1024);
  });
});

describe("openListFile", () => {
  test("reads byte ranges, the last one cut at the file's end", async () => {
    const path = join(tmp, "bytes.txt");
    await writeFile(path, "0123456789");
    const input = (await openListFile(path))!;
    expect(input).toMatchObject({ name: path, size: 10 });
    expect(new TextDecoder().decode(await input.read!(2, 5))).toBe("234");
    expect(new TextDecoder().decode(await input.read!(8, 64))).toBe("89");
    expect(await new Response(input.stream()).text()).toBe("0123456789");
  });

  test("is undefined for a folder or a missing path", async () => {
    await mkdir(join(tmp, "folder"));
    expect(await openListFile(join(tmp, "folder"))).toBeUndefined();
    expect(await openListFile(join(tmp, "missing.csv"))).toBeUndefined();
  });
});
