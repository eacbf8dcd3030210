import { describe, expect, test } from "vitest";
import { CliUsageError, parseCliArgs } from "./cli-args.js";

describe("parseCliArgs", () => {
  test.each([
    [[], {}],
    [["--port", "8080", "--host", "localhost"], { port: 8080, host: "localhost" }],
    [["--seed", "3", "--scale", "0.05"], { seed: 3, scale: 0.05 }],
    [["--latency-ms=25", "--fault-rate", "0.1", "--fault-kinds", "reset,stall"], { latencyMs: 25, faultRate: 0.1, faultKinds: ["reset", "stall"] }],
    [["--rate-limit", "0", "--daily-limit", "1000"], { rateLimit: 0, dailyLimit: 1000 }],
    [
      ["--client-id", "me", "--client-secret", "s3cret", "--token-ttl-seconds", "60", "--stall-ms", "500"],
      { clientId: "me", clientSecret: "s3cret", tokenTtlSeconds: 60, stallMs: 500 },
    ],
  ])("%j -> %j", (argv, options) => {
    expect(parseCliArgs(argv)).toEqual({ help: false, options: { warmUp: true, ...options } });
  });

  test.each([["--help"], ["-h"]])("%s asks for help", (flag) => {
    expect(parseCliArgs([flag])).toEqual({ help: true });
  });

  test.each([
    [["--port", "70000"], "--port must be an integer from 0 to 65535"],
    [["--port", "abc"], "--port must be an integer"],
    [["--scale", "0"], "--scale must be above 0"],
    [["--scale=-1"], "--scale must be a number"],
    [["--scale", "-1"], "--scale must be a number from 0 to 20"],
    [["--port", "-5"], "--port must be an integer from 0 to 65535"],
    [["--fault-rate", "2"], "--fault-rate must be a number from 0 to 1"],
    [["--fault-kinds", "meteor"], "--fault-kinds takes a comma-separated list"],
    [["--seed", "1.5"], "--seed must be an integer"],
    [["--colour", "red"], "Unknown option '--colour'"],
    [["stray"], "Run petfinder-emulator --help"],
    [["--client-secret", ""], "--client-secret must not be empty"],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
