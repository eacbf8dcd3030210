import { describe, expect, test } from "vitest";
import { QueueConnectionError, describeRedis, redisConnection } from "./index.js";

describe("redisConnection", () => {
  test.each([
    ["redis://localhost", { host: "localhost", port: 6379, db: 0 }],
    ["redis://redis.internal:6380/2", { host: "redis.internal", port: 6380, db: 2 }],
    ["redis://:s3cret@h:1", { host: "h", port: 1, db: 0, password: "s3cret" }],
    ["redis://ann:p%40ss@h", { host: "h", port: 6379, db: 0, username: "ann", password: "p@ss" }],
    ["rediss://h", { host: "h", port: 6379, db: 0, tls: { servername: "h" } }],
    ["redis://[::1]:7000", { host: "::1", port: 7000, db: 0 }],
  ])("reads %s", (url, expected) => {
    expect(redisConnection(url)).toEqual(expected);
  });

  test("takes the password option when the URL has none, and the URL's own otherwise", () => {
    expect(redisConnection("redis://h", { password: "from-env" }).password).toBe("from-env");
    expect(redisConnection("redis://:in-url@h", { password: "from-env" }).password).toBe("in-url");
  });

  test.each([
    ["http://:hunter22@h", "starts with http:"],
    ["redis://:hunter22@h/x", "no database number"],
    ["not a url hunter22", "is not a URL"],
    ["redis://:hunter22@h?x=1", "query or fragment"],
  ])("refuses %s without quoting its password", (url, problem) => {
    let caught: unknown;
    try {
      redisConnection(url);
    } catch (error) {
      caught = error;
    }
    expect(QueueConnectionError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toContain(problem);
    if (url.includes("://")) expect((caught as Error).message).not.toContain("hunter22");
  });

  test("describes a connection without its credentials", () => {
    expect(describeRedis(redisConnection("rediss://ann:pw@h:1/3"))).toBe("rediss://h:1/3");
    expect(describeRedis(redisConnection("redis://[::1]"))).toBe("redis://[::1]:6379/0");
  });
});
