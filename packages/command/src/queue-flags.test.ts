import { describe, expect, test } from "vitest";
import { CommandUsageError } from "./errors.js";
import { parseCommandLine } from "./parse-command-line.js";

function usageError(argv: string[]): CommandUsageError {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (CommandUsageError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`${argv.join(" ")} parsed`);
}

describe("the queue flags", () => {
  test("worker, status and download --queue read their flags", () => {
    expect(parseCommandLine(["worker", "--queue", "redis://r:6379", "--shards", "2", "--concurrency", "16", "--stalled-after", "10"])).toEqual({
      command: "worker",
      queue: "redis://r:6379",
      shards: 2,
      concurrency: 16,
      stalledAfter: 10,
      json: false,
    });
    expect(parseCommandLine(["status", "--queue", "rediss://r", "--queue-name", "cats-2", "--json"])).toEqual({
      command: "status",
      queue: "rediss://r",
      queueName: "cats-2",
      json: true,
    });
    expect(parseCommandLine(["download", "-i", "l.txt", "-o", "s3://b/p", "--queue", "redis://r"])).toEqual({
      command: "download",
      input: "l.txt",
      out: "s3://b/p",
      queue: "redis://r",
      format: "files",
      noReport: false,
      json: false,
    });
    expect(parseCommandLine(["download", "-i", "l.txt", "-o", "d"])).not.toHaveProperty("queue");
  });

  test.each([
    [["worker"], "queue", /worker needs --queue URL/],
    [["status", "--queue", "http://:hunter22@r"], "queue", /must be a redis:\/\/ or rediss:\/\/ URL/],
    [["worker", "--queue", "redis://r", "--shards", "0"], "shards", /1 to 64/],
    [["worker", "--queue", "redis://r", "--stalled-after", "1"], "stalled-after", /2 to 3600/],
    [["status", "--queue", "redis://r", "--queue-name", "a b"], "queue-name", /letters, digits/],
    [["download", "-i", "l", "-o", "d", "--queue-name", "x"], "queue-name", /only applies with --queue/],
  ])("%j is refused on --%s without quoting a password", (argv, option, message) => {
    const error = usageError(argv);
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("hunter22");
  });
});

describe("harvest --queue", () => {
  test("reads --queue, --queue-name, --shard-size and --wait; a worker reads the API roots it sends its keys to", () => {
    expect(
      parseCommandLine([
        "--source",
        "rescuegroups,thecatapi",
        "-o",
        "/data/ds",
        "--queue",
        "redis://r",
        "--queue-name",
        "cats",
        "--shard-size",
        "200",
        "--wait",
      ]),
    ).toMatchObject({ command: "harvest", sources: ["rescuegroups", "thecatapi"], queue: "redis://r", queueName: "cats", shardSize: 200, wait: true });
    expect(parseCommandLine(["--source", "thecatapi"])).not.toHaveProperty("queue");
    expect(parseCommandLine(["worker", "--queue", "redis://r", "--api-url", "thecatapi=http://127.0.0.1:8080/v1"])).toMatchObject({
      apiUrls: { thecatapi: "http://127.0.0.1:8080/v1" },
    });
  });

  test("refuses what a run as jobs cannot do, naming the flag", () => {
    const cases: Array<[string[], string, RegExp]> = [
      [["--source", "thecatapi", "--shard-size", "10"], "shard-size", /only applies with --queue/],
      [["--source", "thecatapi", "--wait"], "wait", /only applies with --queue/],
      [["--source", "thecatapi", "--queue-name", "x"], "queue-name", /only applies with --queue/],
      [["--demo", "--source", "thecatapi", "--queue", "redis://r"], "demo", /cannot reach/],
      [["--source", "petfinder,thecatapi", "--queue", "redis://r"], "source", /Petfinder/],
      [["--source", "thecatapi", "--refresh", "--queue", "redis://r"], "refresh", /new DEST/],
      [["--source", "thecatapi", "--queue", "http://r"], "queue", /redis:\/\//],
      [["worker", "--queue", "redis://r", "--api-url", "http://x.example"], "api-url", /say which one/],
    ];
    for (const [argv, option, message] of cases) {
      const error = usageError(argv);
      expect(error.option, argv.join(" ")).toBe(option);
      expect(error.message).toMatch(message);
    }
  });
});
