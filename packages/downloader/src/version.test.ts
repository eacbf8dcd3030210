import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { DEFAULT_USER_AGENT, VERSION } from "./index.js";

test("VERSION matches package.json, so the User-Agent names the real version (update src/version.ts on release)", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  expect(VERSION).toBe(pkg.version);
  expect(DEFAULT_USER_AGENT).toContain(`cat-harvest-downloader/${pkg.version} `);
});
