import { createHash } from "node:crypto";
import { crossPostParts, crossPostsOf, imageSha256, readTruthLines } from "@cat-harvest/emulator-kit";
import { type Emulator, parseCliArgs, HELP, type TruthEntry } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, startSmall, token } from "./helpers.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const posts = new Map(crossPostsOf(7, "petfinder").map((post) => [post.id, post]));

let plain: Emulator;
let crossing: Emulator;
let truth: TruthEntry[];

beforeAll(async () => {
  [plain, crossing] = await Promise.all([startSmall(), startSmall({ crossPosts: true })]);
  truth = await readTruthLines<TruthEntry>(crossing);
});
afterAll(() => Promise.all([plain.stop(), crossing.stop()]));

describe("crossPosts", () => {
  test("is off by default: no photo is marked", async () => {
    expect(plain.options.crossPosts).toBe(false);
    expect(plain.dataset.crossPosts.size).toBe(0);
    expect(await (await fetch(`${plain.url}/_emulator/truth`)).text()).not.toContain("cross_post");
  });

  test("on, every pool photo Petfinder posts is served at size full, marked with its pool id, as the kit makes it", () => {
    const marked = truth.filter((e) => e.cross_post !== undefined);
    expect(new Set(marked.map((e) => e.cross_post))).toEqual(new Set(posts.keys()));
    for (const e of marked) {
      expect(e.size).toBe("full");
      expect(e.sha256).toBe(imageSha256(crossPostParts(posts.get(e.cross_post!)!)));
    }
  });

  test("the CDN serves the pooled bytes at the marked URLs, and the photo's other sizes as before", async () => {
    const marked = truth.filter((e) => e.cross_post !== undefined);
    for (const e of marked) expect(sha256(new Uint8Array(await (await fetch(e.url)).arrayBuffer()))).toBe(e.sha256);
    const plainTruth = await readTruthLines<TruthEntry>(plain);
    const before = new Map(plainTruth.map((e) => [e.url.replace(plain.url, ""), e.sha256]));
    for (const e of truth) {
      const path = e.url.replace(crossing.url, "");
      if (e.cross_post === undefined) expect(e.sha256).toBe(before.get(path));
      else expect(e.sha256).not.toBe(before.get(path));
    }
  });

  test("a carrier is an adoptable cat of the pool's breed alone; the API answers as without cross-posts", async () => {
    const [a, b] = await Promise.all([token(plain), token(crossing)]);
    // Every animal serving pooled bytes (a re-post of a carrier's photo too) reads the same as without cross-posts.
    for (const id of new Set(truth.filter((e) => e.cross_post !== undefined).map((e) => e.animal_id))) {
      const off = await get(plain, `/v2/animals/${id}`, a);
      const on = await get(crossing, `/v2/animals/${id}`, b);
      expect(JSON.stringify(on.body).split(crossing.url).join("ORIGIN")).toBe(JSON.stringify(off.body).split(plain.url).join("ORIGIN"));
    }
    const carriers = [...crossing.dataset.crossPosts.entries()];
    expect(carriers).toHaveLength(posts.size);
    for (const [key, post] of carriers) {
      const id = crossing.dataset.ids[Math.floor(key / 8)]!; // key = crossPostKey(index, photo) = index * 8 + photo
      const { body } = await get(crossing, `/v2/animals/${id}`, b);
      expect(body.animal).toMatchObject({ type: "Cat", status: "adoptable", breeds: { primary: post.breed, secondary: null } });
    }
  });

  test("--cross-posts turns it on, and the help lists it", () => {
    expect(parseCliArgs(["--cross-posts"])).toEqual({ help: false, options: { warmUp: true, crossPosts: true } });
    expect(HELP).toContain("--cross-posts");
  });
});
