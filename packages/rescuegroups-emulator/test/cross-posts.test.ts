import { createHash } from "node:crypto";
import { crossPostParts, crossPostsOf, imageSha256 } from "@cat-harvest/emulator-kit";
import { canonicalBreed } from "@cat-harvest/photos";
import { CAT_BREEDS, HELP, parseRescueGroupsCliArgs, type RescueGroupsEmulator, type TruthEntry } from "@cat-harvest/rescuegroups-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readTruth, startSmall } from "./helpers.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const posts = new Map(crossPostsOf(5, "rescuegroups").map((post) => [post.id, post]));

let plain: RescueGroupsEmulator;
let crossing: RescueGroupsEmulator;
let truth: TruthEntry[];

beforeAll(async () => {
  [plain, crossing] = await Promise.all([startSmall(), startSmall({ crossPosts: true })]);
  truth = await readTruth(crossing);
});
afterAll(() => Promise.all([plain.stop(), crossing.stop()]));

describe("crossPosts", () => {
  test("is off by default: no picture is marked", async () => {
    expect(plain.options.crossPosts).toBe(false);
    expect(plain.dataset.crossPosts.size).toBe(0);
    expect(await (await fetch(`${plain.url}/_emulator/truth`)).text()).not.toContain("cross_post");
  });

  test("on, every pool photo RescueGroups posts is served at size original, marked with its pool id, as the kit makes it", () => {
    const marked = truth.filter((e) => e.cross_post !== undefined);
    expect(new Set(marked.map((e) => e.cross_post))).toEqual(new Set(posts.keys()));
    for (const e of marked) {
      expect(e.size).toBe("original");
      expect(e.sha256).toBe(imageSha256(crossPostParts(posts.get(e.cross_post!)!)));
    }
  });

  test("a carrier is a cat of the pool's breed alone", () => {
    const data = crossing.dataset;
    expect(data.crossPosts.size).toBe(posts.size);
    for (const [p, post] of data.crossPosts) {
      const i = data.pictureAnimal[p]!;
      expect(data.secondary[i]).toBe(-1);
      expect(canonicalBreed("rescuegroups", CAT_BREEDS[data.primary[i]!]!.name).name).toBe(post.breed);
    }
  });

  test("the CDN serves the pooled bytes at the marked URLs, and every other URL as before", async () => {
    for (const e of truth.filter((line) => line.cross_post !== undefined)) {
      expect(sha256(new Uint8Array(await (await fetch(e.url)).arrayBuffer()))).toBe(e.sha256);
    }
    const before = new Map((await readTruth(plain)).map((e) => [e.url.replace(plain.url, ""), e.sha256]));
    for (const e of truth) if (e.cross_post === undefined) expect(e.sha256).toBe(before.get(e.url.replace(crossing.url, "")));
  });

  test("--cross-posts turns it on, and the help lists it", () => {
    expect(parseRescueGroupsCliArgs(["--cross-posts"])).toEqual({ help: false, options: { warmUp: true, crossPosts: true } });
    expect(HELP).toContain("--cross-posts");
  });
});
