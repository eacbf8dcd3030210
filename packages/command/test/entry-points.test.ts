import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { importGraph } from "../../../tooling/test/import-graph.ts";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

describe("the command's entry", () => {
  test("is where node:* modules live", async () => {
    const { bare } = await importGraph(join(src, "index.ts"));
    expect([...bare].filter((s) => s.startsWith("node:")).sort()).toContain("node:fs");
  });

  test("imports the S3 adapter and the emulator's server only with import(), when a run needs them", async () => {
    const { bare } = await importGraph(join(src, "index.ts"));
    expect([...bare].filter((s) => s === "@cat-harvest/storage-s3" || s.startsWith("@aws-sdk/"))).toEqual([]);
    // Only the emulator's argument parser (no server) is loaded up front, and types.
    const runtime = [...bare].filter((s) => s.startsWith("@cat-harvest/petfinder-emulator"));
    expect(runtime).toEqual(["@cat-harvest/petfinder-emulator/cli-args"]);
  });

  test("loads sharp (the report's thumbnails) only with import(), when a report is written", async () => {
    const { bare, dynamic } = await importGraph(join(src, "index.ts"));
    expect([...bare].filter((s) => s === "sharp")).toEqual([]);
    expect(dynamic.has("sharp")).toBe(true);
  });
});
