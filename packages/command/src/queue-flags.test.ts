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
      json: false,
      noReport: false,
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
