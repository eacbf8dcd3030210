import { describe, expect, test } from "vitest";
import { HarvestInputError, HarvestLineTooLongError } from "./errors.js";
import { MAX_LIST_LINE_CHARS, MAX_LIST_URL_CHARS, parseUrlList } from "./url-list.js";

const streamOf = (text: string, chunk = 7) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      const bytes = new TextEncoder().encode(text);
      for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk));
      c.close();
    },
  });

async function read(text: string, name: string) {
  const out = [];
  for await (const entry of parseUrlList(streamOf(text), name)) out.push(entry);
  return out;
}

async function failure(text: string, name: string) {
  const error = await read(text, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HarvestInputError);
  return error as HarvestInputError;
}

describe("parseUrlList", () => {
  test("reads a .txt list, skipping blanks and comments", async () => {
    expect(await read("\uFEFF# cats\nhttp://a.test/1.jpg\r\n\n  https://a.test/2.jpg  \n", "list.txt")).toEqual([
      { url: "http://a.test/1.jpg", line: 2 },
      { url: "https://a.test/2.jpg", line: 4 },
    ]);
  });

  test("reads a .csv list with quoting, a label column, a field spanning lines and CRLF", async () => {
    const csv =
      'id,label,url\r\n1,Bengal,http://a.test/1.jpg\r\n2,"Sphynx, Hairless","http://a.test/2.jpg"\r\n3,"say ""hi""\nthere",http://a.test/3.jpg\n4,,http://a.test/4.jpg';
    expect(await read(csv, "list.csv")).toEqual([
      { url: "http://a.test/1.jpg", label: "Bengal", line: 2 },
      { url: "http://a.test/2.jpg", label: "Sphynx, Hairless", line: 3 },
      { url: "http://a.test/3.jpg", label: 'say "hi"\nthere', line: 4 },
      { url: "http://a.test/4.jpg", line: 6 },
    ]);
  });

  test("reads a .jsonl list", async () => {
    expect(await read('{"url":"http://a.test/1.jpg","label":"Tabby"}\n\n{"url":"http://a.test/2.jpg"}\n', "x.jsonl")).toEqual([
      { url: "http://a.test/1.jpg", label: "Tabby", line: 1 },
      { url: "http://a.test/2.jpg", line: 3 },
    ]);
  });

  test.each([
    ["list.txt", "http://a.test/1.jpg\nnot a url\n", 2, "not an absolute URL"],
    ["list.txt", "ftp://a.test/1.jpg\n", 1, "not an http(s) URL"],
    ["list.csv", "label,link\nx,http://a.test\n", 1, 'no "url" column'],
    ["list.csv", "url,label\nhttp://a.test/1.jpg,a,b\n", 2, "expected 2 fields"],
    ["list.csv", 'url,label\nhttp://a.test/1.jpg,"open\n\n', 2, "never closed"],
    ["list.csv", 'url,label\nhttp://a.test/1.jpg,ab"c\n', 2, "quote in the middle"],
    ["list.csv", "url\n\n,\n", 3, "expected 1 fields"],
    ["list.jsonl", '{"url":"http://a.test/1"}\n{"url":\n', 2, "not valid JSON"],
    ["list.jsonl", '["http://a.test/1"]\n', 1, "JSON object"],
    ["list.jsonl", '{"href":"http://a.test/1"}\n', 1, 'no "url" field'],
    ["list.jsonl", '{"url":"http://a.test/1","label":3}\n', 1, "label must be a string"],
    ["list.xlsx", "whatever", 0, "unsupported list format"],
  ])("%s with a bad line says which (%j)", async (name, text, line, problem) => {
    const error = await failure(text, name);
    expect(error.line).toBe(line);
    expect(error.message).toContain(problem);
    expect(error.message).toContain(name);
  });
});

/** A list whose one line of `size` characters sits between two good lines, in 64 KiB chunks. */
function listWithLongLine(name: string, size: number) {
  const long = `http://ann:s3cret@a.test/${"x".repeat(size)}`;
  const lines: Record<string, [string, string, string]> = {
    "list.txt": ["http://a.test/1.jpg", long, "http://a.test/2.jpg"],
    "list.csv": ["url,label", `${long},Tabby`, "http://a.test/2.jpg,Tabby"],
    "list.jsonl": ['{"url":"http://a.test/1.jpg"}', JSON.stringify({ url: long, label: "Tabby" }), '{"url":"http://a.test/2.jpg"}'],
  };
  return streamOf(`${lines[name]!.join("\n")}\n`, 65_536);
}

describe("parseUrlList with over-long input", () => {
  test.each(["list.txt", "list.csv", "list.jsonl"])("a 10 MB line in %s is reported by its start, once, and the next line is read", async (name) => {
    const skipped: HarvestLineTooLongError[] = [];
    const entries = [];
    for await (const entry of parseUrlList(listWithLongLine(name, 10_000_000), name, undefined, { onTooLong: (e) => skipped.push(e) })) entries.push(entry);
    expect(entries.map((e) => e.url)).toEqual(name === "list.csv" ? ["http://a.test/2.jpg"] : ["http://a.test/1.jpg", "http://a.test/2.jpg"]);
    expect(skipped).toHaveLength(1);
    const [error] = skipped;
    expect(error).toMatchObject({ reason: "line-too-long", line: 2, limit: MAX_LIST_LINE_CHARS });
    expect(error!.length).toBeGreaterThan(10_000_000);
    expect(error!.excerpt.length).toBeLessThanOrEqual(81);
    expect(error!.message.length).toBeLessThan(250);
    expect(error!.message).not.toContain("s3cret");
  });

  test("without onTooLong a 10 MB line throws a short HarvestLineTooLongError", async () => {
    const error = await (async () => {
      for await (const _ of parseUrlList(listWithLongLine("list.txt", 10_000_000), "list.txt"));
    })().then(
      () => undefined,
      (e: unknown) => e as HarvestInputError,
    );
    expect(error).toBeInstanceOf(HarvestLineTooLongError);
    if (!error) return;
    expect(error.line).toBe(2);
    expect(error.message.length).toBeLessThan(250);
  });

  test("a URL over the URL limit is refused with its label, before any request, and the list goes on", async () => {
    const skipped: HarvestLineTooLongError[] = [];
    const url = `https://a.test/${"y".repeat(MAX_LIST_URL_CHARS)}`;
    const entries = [];
    for await (const entry of parseUrlList(streamOf(`url,label\n${url},Tabby\nhttp://a.test/2.jpg,Tabby\n`), "list.csv", undefined, {
      onTooLong: (e) => skipped.push(e),
    }))
      entries.push(entry);
    expect(entries).toEqual([{ url: "http://a.test/2.jpg", label: "Tabby", line: 3 }]);
    expect(skipped.map((e) => [e.reason, e.line, e.label, e.length])).toEqual([["url-too-long", 2, "Tabby", url.length]]);
  });

  test("a quoted CSV field spanning lines past the limit is one over-long record; the record after it is read", async () => {
    const skipped: HarvestLineTooLongError[] = [];
    const block = `${"z".repeat(40_000)}\n`;
    const csv = `url,label\nhttp://a.test/1.jpg,"${block.repeat(3)}"\nhttp://a.test/2.jpg,ok\n`;
    const entries = [];
    for await (const entry of parseUrlList(streamOf(csv, 4096), "list.csv", undefined, { onTooLong: (e) => skipped.push(e) })) entries.push(entry);
    expect(entries).toEqual([{ url: "http://a.test/2.jpg", label: "ok", line: 6 }]);
    expect(skipped.map((e) => [e.reason, e.line])).toEqual([["line-too-long", 2]]);
  });

  test("a bad line is quoted by its start only, without credentials", async () => {
    const error = await failure(`http://a.test/1.jpg\nhttp//ann:s3cret@a.test/${"q".repeat(5000)}\n`, "list.txt");
    expect(error.line).toBe(2);
    expect(error.message).toContain("not an absolute URL");
    expect(error.message).not.toContain("s3cret");
    expect(error.message.length).toBeLessThan(200);
  });
});
