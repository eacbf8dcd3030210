import { createHash } from "node:crypto";
import { crossPostParts, crossPostsOf, imageSha256 } from "@cat-harvest/emulator-kit";
import { canonicalBreed } from "@cat-harvest/photos";
import { type CatApiEmulator, HELP, type ImageObject, parseCatApiCliArgs, type TruthEntry } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, readTruth, startSmall } from "./helpers.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const posts = new Map(crossPostsOf(7, "thecatapi").map((post) => [post.id, post]));

let plain: CatApiEmulator;
let crossing: CatApiEmulator;
let truth: TruthEntry[];

beforeAll(async () => {
  [plain, crossing] = await Promise.all([startSmall(), startSmall({ crossPosts: true })]);
  truth = await readTruth(crossing);
});
afterAll(() => Promise.all([plain.stop(), crossing.stop()]));

describe("crossPosts", () => {
  test("is off by default: no image is marked", async () => {
    expect(plain.options.crossPosts).toBe(false);
    expect(plain.dataset.crossPosts.size).toBe(0);
    expect(await (await fetch(`${plain.url}/_emulator/truth`)).text()).not.toContain("cross_post");
  });

  test("on, every pool photo The Cat API posts is a JPEG image of the pool's breed, marked with its pool id, as the kit makes it", () => {
    const marked = truth.filter((e) => e.cross_post !== undefined);
    expect(new Set(marked.map((e) => e.cross_post))).toEqual(new Set(posts.keys()));
    for (const e of marked) {
      const post = posts.get(e.cross_post!)!;
      expect(e.url).toMatch(/\.jpg$/);
      expect(e.sha256).toBe(imageSha256(crossPostParts(post)));
      expect(e.breed_ids.map((id) => canonicalBreed("thecatapi", id).name)).toEqual([post.breed]);
    }
  });

  test("the CDN serves the pooled bytes as image/jpeg, the API gives the pool photo's size, and other images are as before", async () => {
    for (const e of truth.filter((line) => line.cross_post !== undefined)) {
      const res = await fetch(e.url);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(e.sha256);
      const { body } = await get<ImageObject>(crossing, `/images/${e.image_id}`);
      const post = posts.get(e.cross_post!)!;
      expect([body.width, body.height]).toEqual([post.width, post.height]);
    }
    const before = new Map((await readTruth(plain)).map((e) => [e.image_id, e.sha256]));
    for (const e of truth) if (e.cross_post === undefined) expect(e.sha256).toBe(before.get(e.image_id));
  });

  test("--cross-posts turns it on, and the help lists it", () => {
    expect(parseCatApiCliArgs(["--cross-posts"])).toEqual({ help: false, options: { warmUp: true, crossPosts: true } });
    expect(HELP).toContain("--cross-posts");
  });
});
