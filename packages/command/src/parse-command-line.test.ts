import { describe, expect, test } from "vitest";
import { CommandUsageError } from "./errors.js";
import { parseCommandLine } from "./parse-command-line.js";

describe("parseCommandLine", () => {
  test.each([
    [[], { command: "harvest", demo: false, type: "cat", sources: ["petfinder"], json: false, refresh: false, noColours: false, noReport: false }],
    [
      [
        "harvest",
        "--breeds",
        "Siamese, Bengal",
        "--breeds",
        "Maine Coon",
        "--per-breed",
        "200",
        "--cap",
        "50",
        "--size",
        "large",
        "-o",
        "cats.tar.gz",
        "--concurrency",
        "8",
        "--json",
      ],
      {
        command: "harvest",
        demo: false,
        type: "cat",
        sources: ["petfinder"],
        json: true,
        refresh: false,
        noColours: false,
        noReport: false,
        breeds: ["Siamese", "Bengal", "Maine Coon"],
        perBreed: 200,
        cap: 50,
        size: "large",
        out: "cats.tar.gz",
        concurrency: 8,
      },
    ],
    [
      ["--demo", "--scale", "0.01"],
      { command: "harvest", demo: true, type: "cat", sources: ["petfinder"], json: false, refresh: false, noColours: false, noReport: false, scale: 0.01 },
    ],
    [
      ["--api-url", "http://127.0.0.1:9/", "--client-id", "a", "--client-secret", "b", "--refresh"],
      {
        command: "harvest",
        demo: false,
        type: "cat",
        sources: ["petfinder"],
        json: false,
        refresh: true,
        noColours: false,
        noReport: false,
        apiUrl: "http://127.0.0.1:9",
        apiUrls: { petfinder: "http://127.0.0.1:9" },
        clientId: "a",
        clientSecret: "b",
      },
    ],
    [["breeds", "--type", "dog"], { command: "breeds", demo: false, type: "dog", sources: ["petfinder"], json: false }],
    [
      ["download", "--input", "urls.csv", "--out", "s3://b-1/x"],
      { command: "download", input: "urls.csv", out: "s3://b-1/x", format: "files", noReport: false, json: false },
    ],
    [
      ["download", "-i", "laion.parquet", "-o", "out", "--url-column", "URL", "--label-column", " breed "],
      { command: "download", input: "laion.parquet", out: "out", urlColumn: "URL", labelColumn: "breed", format: "files", noReport: false, json: false },
    ],
    [
      ["download", "--input", "urls.csv", "--out", "shards", "--format", "webdataset", "--shard-size", "500"],
      { command: "download", input: "urls.csv", out: "shards", format: "webdataset", shardSize: 500, noReport: false, json: false },
    ],
    [["verify", "./cat_breeds", "--json"], { command: "verify", dest: "./cat_breeds", json: true }],
    [["report", "./cat_breeds"], { command: "report", dest: "./cat_breeds", json: false }],
    [["report", "cats.tar.gz", "--min-images", "50", "--json"], { command: "report", dest: "cats.tar.gz", minImages: 50, json: true }],
    [
      ["download", "--input", "u.txt", "--out", "d", "--no-report"],
      { command: "download", input: "u.txt", out: "d", format: "files", noReport: true, json: false },
    ],
    [
      ["emulator", "--port", "8080", "--fault-rate", "0.1"],
      { command: "emulator", source: "petfinder", options: { warmUp: true, port: 8080, faultRate: 0.1 } },
    ],
    [["emulator", "--help"], { command: "help", topic: "emulator" }],
    [["download", "--help"], { command: "help", topic: "download" }],
    [["help", "verify"], { command: "help", topic: "verify" }],
    [["--help"], { command: "help", topic: "harvest" }],
    [["help"], { command: "help" }],
    [
      ["--demo", "--scale", ".5", "--json", "--json"],
      { command: "harvest", demo: true, type: "cat", sources: ["petfinder"], json: true, refresh: false, noColours: false, noReport: false, scale: 0.5 },
    ],
    [
      ["--concurrency", "08"],
      { command: "harvest", demo: false, type: "cat", sources: ["petfinder"], json: false, refresh: false, noColours: false, noReport: false, concurrency: 8 },
    ],
    [
      [
        "--source",
        "petfinder,RescueGroups,thecatapi",
        "--api-url",
        "thecatapi=http://127.0.0.1:7/v1",
        "--api-url",
        "rescuegroups=http://127.0.0.1:8/v5",
        "--no-colours",
      ],
      {
        command: "harvest",
        demo: false,
        type: "cat",
        sources: ["petfinder", "rescuegroups", "thecatapi"],
        json: false,
        refresh: false,
        noColours: true,
        noReport: false,
        apiUrls: { thecatapi: "http://127.0.0.1:7/v1", rescuegroups: "http://127.0.0.1:8/v5" },
      },
    ],
    [
      ["breeds", "--source", "thecatapi", "--api-url", "http://127.0.0.1:7/v1", "--thecatapi-key", "k"],
      {
        command: "breeds",
        demo: false,
        type: "cat",
        sources: ["thecatapi"],
        json: false,
        apiUrls: { thecatapi: "http://127.0.0.1:7/v1" },
        keys: { thecatapi: "k" },
      },
    ],
    [["emulator", "--source", "thecatapi", "--port", "8080"], { command: "emulator", source: "thecatapi", options: { warmUp: true, port: 8080 } }],
    [["emulator", "--source=rescuegroups", "--help"], { command: "help", topic: "emulator:rescuegroups" }],
  ])("reads %j", (argv, expected) => {
    expect(parseCommandLine(argv)).toEqual(expected);
  });

  test.each([
    [["fetch"], "command", 'Unknown command "fetch"'],
    [["report"], "dest", "report needs the DEST"],
    [["report", "d", "--min-images", "0"], "min-images", "--min-images must be a whole number from 1"],
    [["--per-breed", "0"], "per-breed", "--per-breed must be a whole number from 1"],
    [["--per-breed", "ten"], "per-breed", '"ten"'],
    [["--cap", "1.5"], "cap", "--cap must be a whole number"],
    [["--size", "huge"], "size", "--size must be one of full, large, medium, small"],
    [["--concurrency", "1000"], "concurrency", "from 1 to 256"],
    [["--breeds", " , "], "breeds", "at least one breed"],
    [["--api-url", "ftp://x"], "api-url", "http(s) URL"],
    [["--demo", "--api-url", "http://127.0.0.1:1"], "api-url", "exclude each other"],
    [["--scale", "0.1"], "scale", "only applies with --demo"],
    [["--bogus"], "arguments", "Unknown option '--bogus'"],
    [["download", "--out", "x"], "input", "download needs --input"],
    [["verify"], "dest", "verify needs the DEST"],
    [["emulator", "--fault-rate", "2"], "fault-rate", "from 0 to 1"],
    [["--source", "flickr"], "source", "--source must name petfinder, rescuegroups, thecatapi"],
    [["--source", "thecatapi,thecatapi"], "source", "names a source twice"],
    [["--source", "petfinder,thecatapi", "--api-url", "http://127.0.0.1:1"], "api-url", "--api-url SOURCE=URL"],
    [["--source", "thecatapi", "--api-url", "petfinder=http://127.0.0.1:1"], "api-url", "not among --source"],
    [["breeds", "--source", "petfinder,thecatapi"], "source", "give --source one name"],
    [["emulator", "--source", "flickr"], "source", "emulator --source must name one of"],
    [["--per-breed", "-5"], "per-breed", '--per-breed must be a whole number from 1 up, got "-5"'],
    [["--concurrency", "-1"], "concurrency", "--concurrency must be a whole number from 1 to 256"],
    [["download", "--input", "a.txt", "--out", "x", "--concurrency", "-1"], "concurrency", "from 1 to 256"],
    [["download", "--input", "a.csv", "--out", "x", "--url-column", " "], "url-column", "--url-column needs a column name"],
    [["download", "--input", "a.csv", "--out", "x", "--label-column", ""], "label-column", "--label-column needs a column name"],
    [["download", "--input", "a.txt", "--out", "x", "--format", "parquet"], "format", '--format must be files or webdataset, got "parquet"'],
    [["download", "--input", "a.txt", "--out", "x", "--shard-size", "0"], "shard-size", "--shard-size must be a whole number from 1 to 10000000"],
    [["emulator", "--port", "-5"], "port", "--port must be an integer from 0 to 65535"],
    [["help", "fetch"], "command", 'No help for "fetch"'],
    [["--concurrency", "0x10"], "concurrency", '--concurrency must be a whole number from 1 to 256, got "0x10"'],
    [["--per-breed", "1e3"], "per-breed", '"1e3"'],
    [["--cap", "0b11"], "cap", '"0b11"'],
    [["--cap", "+5"], "cap", '"+5"'],
    [["--per-breed", "Infinity"], "per-breed", '"Infinity"'],
    [["--demo", "--scale", "1e-2"], "scale", '"1e-2"'],
    [["--out", "a", "--out", "b"], "out", "--out (-o) is given more than once; give it once"],
    [["--out", "a", "-o", "b"], "out", "--out (-o) is given more than once"],
    [["--client-secret", "s3cret-1", "--client-secret", "s3cret-2"], "client-secret", "--client-secret is given more than once"],
    [["download", "--input", "a.txt", "--input", "b.txt", "--out", "x"], "input", "--input (-i) is given more than once"],
  ])("refuses %j", (argv, option, message) => {
    let error: unknown;
    try {
      parseCommandLine(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CommandUsageError);
    expect((error as CommandUsageError).option).toBe(option);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toMatch(/cat-harvest( [a-z]+)? --help/);
  });
});

test("a repeated secret is refused without echoing either value", () => {
  expect(() => parseCommandLine(["--client-secret", "s3cret-1", "--client-secret", "s3cret-2"])).toThrow(/^(?!.*s3cret).*$/s);
});
