import { crossPostsOf } from "@cat-harvest/emulator-kit";
import { canonicalBreed } from "@cat-harvest/photos";
import { CAT_BREEDS, createDataset, HELP, parseRescueGroupsCliArgs } from "@cat-harvest/rescuegroups-emulator";
import { describe, expect, test } from "vitest";

// The pool's bytes, its marks and the other URLs are tested for all three emulators in cross-posts-three-emulators.test.ts.
describe("crossPosts on RescueGroups", () => {
  test("a carrier is a picture of its own (not a re-post) of a cat of the pool's breed alone", () => {
    const data = createDataset(5, 0.02, { crossPosts: true });
    expect(data.crossPosts.size).toBe(crossPostsOf(5, "rescuegroups").length);
    for (const [p, post] of data.crossPosts) {
      const i = data.pictureAnimal[p]!;
      expect(data.content[p]).toBe(p);
      expect(data.secondary[i]).toBe(-1);
      expect(canonicalBreed("rescuegroups", CAT_BREEDS[data.primary[i]!]!.name).name).toBe(post.breed);
    }
  });

  test("--cross-posts turns it on, and the help lists it", () => {
    expect(parseRescueGroupsCliArgs(["--cross-posts"])).toEqual({ help: false, options: { warmUp: true, crossPosts: true } });
    expect(HELP).toContain("--cross-posts");
  });
});
