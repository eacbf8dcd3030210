import { crossPostsOf, readTruthLines } from "@cat-harvest/emulator-kit";
import { type Emulator, HELP, parseCliArgs, type TruthEntry } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, startSmall, token } from "./helpers.js";

// The pool's bytes, its marks and the other URLs are tested for all three emulators in rescuegroups-emulator's cross-posts-three-emulators.test.ts.
let plain: Emulator;
let crossing: Emulator;

beforeAll(async () => {
  [plain, crossing] = await Promise.all([startSmall(), startSmall({ crossPosts: true })]);
});
afterAll(() => Promise.all([plain.stop(), crossing.stop()]));

describe("crossPosts on Petfinder", () => {
  test("a carrier is an adoptable cat of the pool's breed alone", async () => {
    const bearer = await token(crossing);
    const carriers = [...crossing.dataset.crossPosts.entries()];
    expect(carriers).toHaveLength(crossPostsOf(7, "petfinder").length);
    for (const [key, post] of carriers) {
      const id = crossing.dataset.ids[Math.floor(key / 8)]!; // key = crossPostKey(index, photo) = index * 8 + photo
      const { body } = await get(crossing, `/v2/animals/${id}`, bearer);
      expect(body.animal).toMatchObject({ type: "Cat", status: "adoptable", breeds: { primary: post.breed, secondary: null } });
    }
  });

  test("the API answers as without cross-posts for every animal serving pooled bytes", async () => {
    const [a, b] = await Promise.all([token(plain), token(crossing)]);
    const truth = await readTruthLines<TruthEntry>(crossing, "?size=full");
    const ids = new Set(truth.filter((e) => e.cross_post !== undefined).map((e) => e.animal_id));
    expect(ids.size).toBeGreaterThan(0);
    for (const id of ids) {
      const off = await get(plain, `/v2/animals/${id}`, a);
      const on = await get(crossing, `/v2/animals/${id}`, b);
      expect(JSON.stringify(on.body).split(crossing.url).join("ORIGIN")).toBe(JSON.stringify(off.body).split(plain.url).join("ORIGIN"));
    }
  });

  test("--cross-posts turns it on, and the help lists it", () => {
    expect(parseCliArgs(["--cross-posts"])).toEqual({ help: false, options: { warmUp: true, crossPosts: true } });
    expect(HELP).toContain("--cross-posts");
  });
});
