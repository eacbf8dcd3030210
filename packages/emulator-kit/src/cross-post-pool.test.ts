import jpeg from "jpeg-js";
import { describe, expect, test } from "vitest";
import { COMMON_FLAGS, commonFlagValues, parseFlags } from "./cli-flags.js";
import { checkCommonOptions, commonDefaults } from "./common-options.js";
import {
  CROSS_POST_BREEDS,
  CROSS_POST_SITES,
  CROSS_POSTS_PER_BREED,
  crossPostParts,
  crossPostPool,
  crossPostsOf,
  placeCrossPostsOn,
} from "./cross-post-pool.js";
import { expectedCrossPosts } from "./expected-cross-posts.js";
import { imageBytes, imageSha256 } from "./image-parts.js";

const shas = (seed: number, breed: string) => crossPostPool(seed, breed).map((post) => imageSha256(crossPostParts(post)));

describe("crossPostPool", () => {
  test("is deterministic: the same seed and breed give the same photos, bytes included", () => {
    expect(crossPostPool(3, "Siamese")).toEqual(crossPostPool(3, "Siamese"));
    expect(shas(3, "Siamese")).toEqual(shas(3, "Siamese"));
    expect(crossPostPool(3, "Siamese").map((post) => post.id)).toEqual(["xp-siamese-0", "xp-siamese-1", "xp-siamese-2", "xp-siamese-3"]);
  });

  test("is keyed by the canonical breed: each breed has its own photos, another seed other bytes", () => {
    const all = CROSS_POST_BREEDS.flatMap((breed) => shas(3, breed));
    expect(all).toHaveLength(CROSS_POST_BREEDS.length * CROSS_POSTS_PER_BREED);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(CROSS_POST_BREEDS.flatMap((breed) => crossPostPool(3, breed).map((post) => post.id))).size).toBe(all.length);
    expect(shas(4, "Siamese").some((sha) => shas(3, "Siamese").includes(sha))).toBe(false);
    expect(crossPostPool(3, "Maine Coon").every((post) => post.breed === "Maine Coon" && post.id.startsWith("xp-maine-coon-"))).toBe(true);
  });

  test("a breed outside CROSS_POST_BREEDS has no pool (names are canonical, not folders or ids)", () => {
    expect(crossPostPool(1, "Khao Plong")).toEqual([]);
    expect(crossPostPool(1, "Maine_Coon")).toEqual([]);
    expect(crossPostPool(1, "siam")).toEqual([]);
  });

  test("each breed's pool has a photo on all three sites and one on each pair", () => {
    for (const seed of [1, 2, 99]) {
      for (const breed of CROSS_POST_BREEDS) {
        const patterns = crossPostPool(seed, breed).map((post) => [...post.sites].sort().join("+"));
        expect(patterns.sort()).toEqual(["petfinder+rescuegroups", "petfinder+rescuegroups+thecatapi", "petfinder+thecatapi", "rescuegroups+thecatapi"]);
      }
    }
  });

  test("crossPostsOf lists, breed by breed, the pool photos a site posts", () => {
    for (const site of CROSS_POST_SITES) {
      const expected = CROSS_POST_BREEDS.flatMap((breed) => crossPostPool(5, breed)).filter((post) => post.sites.includes(site));
      expect(crossPostsOf(5, site)).toEqual(expected);
      expect(expected).toHaveLength(CROSS_POST_BREEDS.length * 3);
    }
  });

  test("every pool photo is a JPEG of its stated size, whatever the site", () => {
    for (const post of crossPostPool(1, "Bengal")) {
      const bytes = imageBytes(crossPostParts(post));
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      const decoded = jpeg.decode(bytes, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([post.width, post.height]);
    }
  });
});

describe("placeCrossPostsOn", () => {
  test("places each pool photo a site posts on one candidate of its breed, deterministically, never two on one", () => {
    const candidates = (breed: string) => Array.from({ length: 5 }, (_, k) => `${breed}#${k}`);
    const placed = placeCrossPostsOn(3, "thecatapi", candidates);
    expect(placed).toEqual(placeCrossPostsOn(3, "thecatapi", candidates));
    expect([...placed.values()]).toEqual(crossPostsOf(3, "thecatapi"));
    for (const [carrier, post] of placed) expect(carrier.startsWith(`${post.breed}#`)).toBe(true);
  });

  test("takes the next candidate when one is taken, and leaves a photo out when none is free", () => {
    const placed = placeCrossPostsOn(3, "petfinder", (breed) => (breed === "Siamese" ? ["only"] : breed === "Bengal" ? ["a", "b", "c"] : []));
    expect([...placed.entries()].map(([carrier, post]) => [carrier, post.breed]).sort()).toEqual([
      ["a", "Bengal"],
      ["b", "Bengal"],
      ["c", "Bengal"],
      ["only", "Siamese"],
    ]);
  });
});

describe("the crossPosts option and --cross-posts flag", () => {
  test("crossPosts defaults to false and must be a boolean", () => {
    expect(commonDefaults({}, []).crossPosts).toBe(false);
    expect(() => checkCommonOptions("startX", { ...commonDefaults({}, []), crossPosts: "yes" as never }, [])).toThrow(
      "startX: option crossPosts must be true or false.",
    );
  });

  test("--cross-posts turns it on; without the flag the option stays unset", () => {
    expect(commonFlagValues(parseFlags(["--cross-posts"], COMMON_FLAGS, "x"), [], 20)).toEqual({ crossPosts: true });
    expect(commonFlagValues(parseFlags([], COMMON_FLAGS, "x"), [], 20)).toEqual({});
  });
});

describe("expectedCrossPosts", () => {
  const line = (url: string, sha256: string, cross_post?: string) => ({ url, sha256, ...(cross_post === undefined ? {} : { cross_post }) });

  test("groups the marked lines of several truths by pool id, sorted, with their sources", () => {
    const groups = expectedCrossPosts({
      petfinder: [line("pf/1", "a"), line("pf/2", "s2", "xp-b-1"), line("pf/3", "s1", "xp-a-0")],
      thecatapi: [line("cat/1", "s1", "xp-a-0"), line("cat/2", "c")],
      rescuegroups: [line("rg/1", "s2", "xp-b-1"), line("rg/2", "s1", "xp-a-0")],
    });
    expect(groups).toEqual([
      {
        id: "xp-a-0",
        sha256: "s1",
        copies: [
          { source: "petfinder", url: "pf/3" },
          { source: "thecatapi", url: "cat/1" },
          { source: "rescuegroups", url: "rg/2" },
        ],
        sources: ["petfinder", "thecatapi", "rescuegroups"],
      },
      {
        id: "xp-b-1",
        sha256: "s2",
        copies: [
          { source: "petfinder", url: "pf/2" },
          { source: "rescuegroups", url: "rg/1" },
        ],
        sources: ["petfinder", "rescuegroups"],
      },
    ]);
    expect(expectedCrossPosts({ petfinder: [line("pf/1", "a")] })).toEqual([]);
  });

  test("one pool id with two sha256 is an error naming both", () => {
    expect(() => expectedCrossPosts({ a: [line("a/1", "s1", "xp-a-0")], b: [line("b/1", "s9", "xp-a-0")] })).toThrow(/xp-a-0 has two sha256: s1 and s9/);
  });
});
