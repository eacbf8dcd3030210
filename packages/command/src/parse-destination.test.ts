import { describe, expect, test } from "vitest";
import { CommandDestinationError } from "./errors.js";
import { parseDestination } from "./parse-destination.js";

describe("parseDestination", () => {
  test.each([
    ["./cat_breeds", { kind: "fs", path: "./cat_breeds" }],
    ["/data/cats/", { kind: "fs", path: "/data/cats/" }],
    ["cats.tar", { kind: "tar", path: "cats.tar", gzip: false }],
    ["out/cats.tar.gz", { kind: "tar", path: "out/cats.tar.gz", gzip: true }],
    ["CATS.TGZ", { kind: "tar", path: "CATS.TGZ", gzip: true }],
    ["s3://my-bucket/cats/v1", { kind: "s3", bucket: "my-bucket", prefix: "cats/v1" }],
    ["s3://my-bucket/cats/", { kind: "s3", bucket: "my-bucket", prefix: "cats" }],
    ["s3://my-bucket", { kind: "s3", bucket: "my-bucket", prefix: "" }],
  ])("reads %s", (dest, expected) => {
    expect(parseDestination(dest)).toEqual(expected);
  });

  test.each([
    ["", "empty"],
    ["s3://", "not a valid S3 bucket name"],
    ["s3://Bad_Bucket/x", "not a valid S3 bucket name"],
    ["s3://bucket/a//b", "empty"],
    ["s3://bucket/../b", '".."'],
    ["https://example.com/x", "only folders"],
    ["cats.zip", "must end in .tar"],
  ])("refuses %j (%s)", (dest, problem) => {
    expect(() => parseDestination(dest)).toThrow(CommandDestinationError);
    expect(() => parseDestination(dest)).toThrow(problem);
  });
});
