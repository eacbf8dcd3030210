import { gzipSync } from "node:zlib";
import { parquetWriteBuffer, type ColumnSource } from "hyparquet-writer";
import { describe, expect, test } from "vitest";
import { HarvestBadRowError, HarvestColumnError, HarvestInputError, HarvestLineTooLongError, HarvestUsageError } from "./errors.js";
import { urlListInputOf } from "./list-input.js";
import { PARQUET_WINDOW_ROWS } from "./parquet-rows.js";
import { parseUrlList, type ParseUrlListOptions } from "./url-list.js";

const ROWS = [
  { url: "http://a.test/1.jpg", label: "Bengal" },
  { url: "https://a.test/2.jpg", label: "Sphynx, Hairless" },
  { url: "http://a.test/3.jpg?x=1&y=2", label: undefined },
  { url: "http://a.test/4.jpg", label: 'say "hi"' },
];
const text = (lines: string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);
const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The same list, written in each text format, with the given column names. */
function listBytes(format: "txt" | "csv" | "tsv" | "jsonl", url = "url", label = "label"): Uint8Array {
  if (format === "txt") return text(["# cats", ...ROWS.map((r) => r.url)]);
  if (format === "jsonl") return text(ROWS.map((r) => JSON.stringify({ id: 1, [url]: r.url, ...(r.label ? { [label]: r.label } : {}) })));
  if (format === "tsv") return text([`id\t${label}\t${url}`, ...ROWS.map((r) => `1\t${r.label ?? ""}\t${r.url}`)]);
  return text([`id,${label},${url}`, ...ROWS.map((r) => `1,${csvField(r.label ?? "")},${r.url}`)]);
}

function parquetBytes(columns: ColumnSource[], options: { rowGroupSize?: number; codec?: "GZIP" } = {}): Uint8Array {
  const compressors = options.codec === "GZIP" ? { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)) } : undefined;
  return new Uint8Array(parquetWriteBuffer({ columnData: columns, ...options, ...(compressors ? { compressors } : {}) }));
}

function parquetList(url = "url", label = "label", options: { rowGroupSize?: number; codec?: "GZIP" } = {}): Uint8Array {
  return parquetBytes(
    [
      { name: "id", data: ROWS.map((_, i) => i), type: "INT32" },
      { name: label, data: ROWS.map((r) => r.label ?? null), type: "STRING" },
      { name: url, data: ROWS.map((r) => r.url), type: "STRING" },
    ],
    options,
  );
}

/** A stream of `bytes` in small chunks, so every reader meets lines cut anywhere. */
const streamOf = (bytes: Uint8Array, chunk = 5) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk));
      c.close();
    },
  });

async function read(name: string, bytes: Uint8Array, options: ParseUrlListOptions = {}) {
  const input = name.endsWith(".parquet") ? urlListInputOf(name, bytes) : streamOf(bytes);
  const out = [];
  for await (const entry of parseUrlList(input, name, undefined, options)) out.push(entry);
  return out;
}

async function readError(name: string, bytes: Uint8Array, options: ParseUrlListOptions = {}) {
  return read(name, bytes, options).then(
    () => undefined,
    (e: unknown) => e as HarvestInputError,
  );
}

const expected = (firstLine: number) => ROWS.map((r, i) => ({ url: r.url, ...(r.label ? { label: r.label } : {}), line: firstLine + i }));

describe("parseUrlList reads every format, compressed and not", () => {
  test.each([
    ["list.csv", listBytes("csv"), 2],
    ["list.csv.gz", gzipSync(listBytes("csv")), 2],
    ["list.tsv", listBytes("tsv"), 2],
    ["list.tsv.gz", gzipSync(listBytes("tsv")), 2],
    ["list.jsonl", listBytes("jsonl"), 1],
    ["list.ndjson.gz", gzipSync(listBytes("jsonl")), 1],
    ["list.parquet", parquetList(), 1],
    ["list.parquet", parquetList("url", "label", { rowGroupSize: 1 }), 1],
    ["list.parquet", parquetList("url", "label", { codec: "GZIP" }), 1],
  ])("%s gives the same entries", async (name, bytes, firstLine) => {
    expect(await read(name, bytes)).toEqual(expected(firstLine));
  });

  test.each([
    ["list.txt", listBytes("txt")],
    ["list.txt.gz", gzipSync(listBytes("txt"))],
  ])("%s gives the URLs, by line", async (name, bytes) => {
    expect(await read(name, bytes)).toEqual(ROWS.map((r, i) => ({ url: r.url, line: i + 2 })));
  });

  test("a GZIP-coded Parquet file is what the test writes (hyparquet-compressors is then loaded)", async () => {
    const { parquetMetadata } = await import("hyparquet");
    const bytes = parquetList("url", "label", { codec: "GZIP" });
    const codecs = parquetMetadata(bytes.buffer as ArrayBuffer).row_groups[0]!.columns.map((c) => c.meta_data?.codec);
    expect(codecs).toEqual(["GZIP", "GZIP", "GZIP"]);
  });

  test("an input object is read through its stream for a text format", async () => {
    const entries = [];
    for await (const e of parseUrlList(urlListInputOf("x.csv.gz", gzipSync(listBytes("csv"))), "x.csv.gz")) entries.push(e);
    expect(entries).toEqual(expected(2));
  });

  test("gzip can be said outright for a name without .gz", async () => {
    expect(await read("list", gzipSync(listBytes("jsonl")), { gzip: true }).catch((e: unknown) => e)).toBeInstanceOf(HarvestInputError);
    const entries = [];
    for await (const e of parseUrlList(streamOf(gzipSync(listBytes("jsonl"))), "from-stdin", "jsonl", { gzip: true })) entries.push(e);
    expect(entries).toEqual(expected(1));
  });
});

describe("Parquet row groups larger than a window", () => {
  test("are decoded PARQUET_WINDOW_ROWS at a time, their bytes fetched once", async () => {
    const rows = 2 * PARQUET_WINDOW_ROWS + 5;
    const urls = Array.from({ length: rows }, (_, i) => `https://a.test/${i}/${crypto.randomUUID()}.jpg`);
    const bytes = parquetBytes([{ name: "url", data: urls, type: "STRING" }], { rowGroupSize: rows });
    expect(bytes.byteLength).toBeGreaterThan(512 * 1024); // over hyparquet's whole-file cache size
    const input = urlListInputOf("big.parquet", bytes);
    const ranges: Array<[number, number]> = [];
    const counted = { ...input, read: (start: number, end: number) => (ranges.push([start, end]), input.read!(start, end)) };
    const entries = [];
    for await (const e of parseUrlList(counted, "big.parquet")) entries.push(e);
    expect(entries).toEqual(urls.map((url, i) => ({ url, line: i + 1 })));
    expect(ranges.length).toBeLessThanOrEqual(3); // the footer, maybe the rest of the metadata, the one column chunk
  });
});

describe("urlColumn and labelColumn", () => {
  test.each([
    ["list.csv", listBytes("csv", "image_url", "breed"), 2],
    ["list.tsv.gz", gzipSync(listBytes("tsv", "image_url", "breed")), 2],
    ["list.jsonl", listBytes("jsonl", "image_url", "breed"), 1],
    ["list.parquet", parquetList("image_url", "breed"), 1],
  ])("%s reads columns named otherwise", async (name, bytes, firstLine) => {
    expect(await read(name, bytes, { urlColumn: "image_url", labelColumn: "breed" })).toEqual(expected(firstLine));
  });

  test.each([
    ["list.csv", listBytes("csv", "URL", "Label")],
    ["list.parquet", parquetList("URL", "Label")],
    ["list.jsonl", listBytes("jsonl", "URL", "Label")],
  ])("%s matches a column name whatever its case", async (name, bytes) => {
    expect((await read(name, bytes)).map((e) => [e.url, e.label])).toEqual(ROWS.map((r) => [r.url, r.label]));
  });

  test.each([
    ["list.csv", listBytes("csv", "link", "breed"), {}, "urlColumn", "url", 1],
    ["list.tsv", listBytes("tsv", "link", "breed"), {}, "urlColumn", "url", 1],
    ["list.parquet", parquetList("link", "breed"), {}, "urlColumn", "url", 0],
    ["list.csv", listBytes("csv"), { labelColumn: "breed" }, "labelColumn", "breed", 1],
    ["list.parquet", parquetList(), { urlColumn: "href" }, "urlColumn", "href", 0],
  ])("%s without the column named throws an error listing its columns", async (name, bytes, options, option, column, line) => {
    const error = await readError(name, bytes, options);
    expect(error).toBeInstanceOf(HarvestColumnError);
    expect(error).toMatchObject({ option, column, line });
    expect((error as HarvestColumnError).columns.length).toBe(3);
    for (const c of (error as HarvestColumnError).columns) expect(error!.message).toContain(JSON.stringify(c));
    expect(error!.message).toContain(option);
  });

  test("a list without the default label column has no labels", async () => {
    expect(await read("list.csv", text(["url", "http://a.test/1.jpg"]))).toEqual([{ url: "http://a.test/1.jpg", line: 2 }]);
  });

  test("a .txt list refuses a column option: it has no columns", async () => {
    const error = await readError("list.txt", listBytes("txt"), { urlColumn: "link" });
    expect(error).toBeInstanceOf(HarvestUsageError);
    expect(error).toMatchObject({ option: "urlColumn", value: "link" });
  });
});

describe("a bad row is reported with its line and reason, and the list goes on", () => {
  test.each([
    [
      "list.jsonl",
      text(['{"url":"http://a.test/1.jpg"}', '{"url":', '["x"]', '{"href":"http://a.test/x"}', '{"url":"ftp://a.test/x"}', '{"url":"http://a.test/2.jpg"}']),
      [
        [2, "invalid-json"],
        [3, "invalid-row"],
        [4, "missing-url"],
        [5, "invalid-url"],
      ],
      [1, 6],
    ],
    [
      "list.csv.gz",
      gzipSync(text(["url,label", "http://a.test/1.jpg,a", "http://a.test/x,a,b", ",a", 'http://a.test/y,ab"c', "nope,a", "http://a.test/2.jpg,b"])),
      [
        [3, "invalid-row"],
        [4, "missing-url"],
        [5, "invalid-row"],
        [6, "invalid-url"],
      ],
      [2, 7],
    ],
    ["list.tsv", text(["url\tlabel", "http://a.test/1.jpg\ta", "mailto:x@a.test\tb", "http://a.test/2.jpg\tb"]), [[3, "invalid-url"]], [2, 4]],
    ["list.txt", text(["http://a.test/1.jpg", "not a url", "http://a.test/2.jpg"]), [[2, "invalid-url"]], [1, 3]],
    ["list.csv", text(["url,label", 'http://a.test/1.jpg,"never closed', "http://a.test/2.jpg,b"]), [[2, "invalid-row"]], []],
  ])("%s", async (name, bytes, bad, good) => {
    const reported: HarvestInputError[] = [];
    const entries = await read(name, bytes, { onBadRow: (e) => reported.push(e) });
    expect(entries.map((e) => e.line)).toEqual(good);
    expect(reported.map((e) => [e.line, (e as HarvestBadRowError).reason])).toEqual(bad);
    for (const e of reported) {
      expect(e).toBeInstanceOf(HarvestBadRowError);
      expect(e.message).toContain(`${name}:${e.line}: `);
    }
  });

  test("a bad Parquet row is reported by its row number, with its label", async () => {
    const bytes = parquetBytes([
      { name: "url", data: ["http://a.test/1.jpg", "javascript:alert(1)", null, "http://a.test/2.jpg"], type: "STRING" },
      { name: "label", data: ["a", "b", "c", "d"], type: "STRING" },
    ]);
    const reported: HarvestBadRowError[] = [];
    const entries = await read("list.parquet", bytes, { onBadRow: (e) => reported.push(e as HarvestBadRowError) });
    expect(entries).toEqual([
      { url: "http://a.test/1.jpg", label: "a", line: 1 },
      { url: "http://a.test/2.jpg", label: "d", line: 4 },
    ]);
    expect(reported.map((e) => [e.line, e.reason, e.label, e.excerpt])).toEqual([
      [2, "invalid-url", "b", "javascript:alert(1)"],
      [3, "missing-url", "c", "null"],
    ]);
  });

  test("a Parquet label column of integers (class indexes) gives their digits", async () => {
    const bytes = parquetBytes([
      { name: "url", data: ["http://a.test/1.jpg", "http://a.test/2.jpg"], type: "STRING" },
      { name: "label", data: [BigInt(7), BigInt(12)], type: "INT64" },
      { name: "cls", data: [3, 4], type: "INT32" },
    ]);
    expect((await read("list.parquet", bytes)).map((e) => e.label)).toEqual(["7", "12"]);
    expect((await read("list.parquet", bytes, { labelColumn: "cls" })).map((e) => e.label)).toEqual(["3", "4"]);
  });

  test("without onTooLong, an over-long line goes to onBadRow", async () => {
    const reported: HarvestInputError[] = [];
    const entries = await read("list.txt", text(["http://a.test/1.jpg", `http://a.test/${"x".repeat(70_000)}`, "http://a.test/2.jpg"]), {
      onBadRow: (e) => reported.push(e),
    });
    expect(entries.map((e) => e.line)).toEqual([1, 3]);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(HarvestLineTooLongError);
  });

  test("without onBadRow, a bad row throws and the reading stops", async () => {
    const error = await readError("list.jsonl", text(['{"url":"http://a.test/1.jpg"}', "{"]));
    expect(error).toBeInstanceOf(HarvestBadRowError);
    expect(error).toMatchObject({ line: 2, reason: "invalid-json" });
  });
});

describe("a list that cannot be read at all", () => {
  test.each([
    ["not gzip", "list.csv.gz", listBytes("csv"), "cannot decompress it as gzip"],
    ["a gzip file cut short", "list.csv.gz", gzipSync(listBytes("csv")).subarray(0, 30), "cannot decompress it as gzip"],
    ["not Parquet", "list.parquet", listBytes("csv"), "not a readable Parquet file"],
    ["a Parquet file gzipped", "list.parquet.gz", gzipSync(parquetList()), "compressed inside already"],
  ])("%s throws a HarvestInputError naming the file", async (_, name, bytes, problem) => {
    const error = await readError(name, bytes);
    expect(error).toBeInstanceOf(HarvestInputError);
    expect(error!.message).toContain(name);
    expect(error!.message).toContain(problem);
  });

  test("Parquet given as a bare stream asks for ranged reads", async () => {
    const error = await (async () => {
      for await (const _ of parseUrlList(streamOf(parquetList()), "list.parquet"));
    })().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(HarvestInputError);
    expect(error!.message).toContain("read(start, end)");
  });
});
