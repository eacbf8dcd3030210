import { crossPostsOf } from "@cat-harvest/emulator-kit";
import { canonicalBreed } from "@cat-harvest/photos";
import { type CatApiEmulator, HELP, type ImageObject, parseCatApiCliArgs } from "@cat-harvest/thecatapi-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, readTruth, startSmall } from "./helpers.js";

// The pool's bytes, its marks and the other URLs are tested for all three emulators in rescuegroups-emulator's cross-posts-three-emulators.test.ts.
const posts = new Map(crossPostsOf(7, "thecatapi").map((post) => [post.id, post]));
let crossing: CatApiEmulator;

beforeAll(async () => {
  crossing = await startSmall({ crossPosts: true });
});
afterAll(() => crossing.stop());

describe("crossPosts on The Cat API", () => {
  test("a cross-posted image is a JPEG of the pool's breed, with the pool photo's width and height", async () => {
    const marked = (await readTruth(crossing)).filter((e) => e.cross_post !== undefined);
    expect(marked.length).toBeGreaterThanOrEqual(posts.size);
    for (const e of marked) {
      const post = posts.get(e.cross_post!)!;
      expect(e.url).toMatch(/\.jpg$/);
      expect((await fetch(e.url, { method: "HEAD" })).headers.get("content-type")).toBe("image/jpeg");
      const { body } = await get<ImageObject>(crossing, `/images/${e.image_id}`);
      expect([body.width, body.height]).toEqual([post.width, post.height]);
      if (crossing.dataset.crossPosts.has(crossing.dataset.indexById.get(e.image_id)!)) {
        expect(e.breed_ids.map((id) => canonicalBreed("thecatapi", id).name)).toEqual([post.breed]);
      }
    }
  });

  test("--cross-posts turns it on, and the help lists it", () => {
    expect(parseCatApiCliArgs(["--cross-posts"])).toEqual({ help: false, options: { warmUp: true, crossPosts: true } });
    expect(HELP).toContain("--cross-posts");
  });
});
