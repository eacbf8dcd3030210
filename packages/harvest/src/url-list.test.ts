import { describe, expect, test } from "vitest";
import { HarvestInputError } from "./errors.js";
import { parseUrlList } from "./url-list.js";

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
