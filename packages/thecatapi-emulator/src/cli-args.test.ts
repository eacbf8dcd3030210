import { describe, expect, test } from "vitest";
import { CliUsageError } from "@cat-harvest/emulator-kit/cli-flags";
import { parseCatApiCliArgs } from "./cli-args.js";

describe("parseCatApiCliArgs", () => {
  test.each([
    [[], {}],
    [["--port", "8080", "--seed", "3", "--scale", "0.05"], { port: 8080, seed: 3, scale: 0.05 }],
    [["--fault-rate", "0.1", "--fault-kinds", "reset,stall"], { faultRate: 0.1, faultKinds: ["reset", "stall"] }],
    [["--monthly-limit", "10000", "--rate-limit", "0", "--max-limit", "100"], { monthlyLimit: 10_000, rateLimit: 0, maxLimit: 100 }],
    [["--api-keys", "a, b"], { apiKeys: ["a", "b"] }],
  ])("%j -> %j", (argv, options) => {
    expect(parseCatApiCliArgs(argv)).toEqual({ help: false, options: { warmUp: true, ...options } });
  });

  test.each([
    [["--port", "-5"], "--port must be an integer from 0 to 65535"],
    [["--fault-kinds", "early-expiry"], "--fault-kinds takes a comma-separated list"],
    [["--max-limit", "0"], "--max-limit must be an integer from 1"],
    [["--api-keys", ","], "--api-keys takes a comma-separated list"],
    [["stray"], "Run thecatapi-emulator --help"],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseCatApiCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCatApiCliArgs(argv)).toThrow(message);
  });
});
