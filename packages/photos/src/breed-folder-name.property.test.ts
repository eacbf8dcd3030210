import path from "node:path";
import { expect, test } from "vitest";
import { BREED_FOLDER_MAX_BYTES, breedFolderName } from "./index.js";

// mulberry32: a small seeded generator, so a failure can be replayed.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "a",
  "B",
  "z",
  "Q",
  "7",
  " ",
  " ",
  "/",
  " / ",
  "\\",
  ".",
  "..",
  "_",
  "__",
  "~",
  "-",
  ":",
  "*",
  "?",
  '"',
  "<",
  ">",
  "|",
  "\u0000",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u202e",
  "\u200d",
  "\ufeff",
  "é",
  "e\u0301",
  "\u2126",
  "Ω",
  "猫",
  "😺",
  "\ud800",
  "\udc00",
  "CON",
  "nul",
  "Com1",
  "LPT9",
  "aux.",
  "Tabby",
  "Maine Coon",
  "İ",
  "ß",
  "ﬁ",
  "%2F",
  "$",
  "'",
  "&",
  "(",
  ")",
];
const SEEDS = [1, 2018, 424242];
const NAMES_PER_SEED = 2500;

function generate(next: () => number): string {
  const long = next() < 0.05;
  const count = long ? 50 + Math.floor(next() * 300) : Math.floor(next() * 12);
  let name = "";
  for (let i = 0; i < count; i++) name += PIECES[Math.floor(next() * PIECES.length)];
  return name;
}

test.each(SEEDS)("seed %i: thousands of generated names never share a folder and never leave the parent", (seed) => {
  const next = random(seed);
  const folderOf = new Map<string, string>();
  const nameOf = new Map<string, string>();
  const nameOfLower = new Map<string, string>();
  const parents = { posix: "/data/cats", win32: "C:\\data\\cats" };
  const problems: string[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < NAMES_PER_SEED; i++) {
    const name = generate(next);
    // Near neighbours of the name: the collisions a lossy rule would produce.
    for (const variant of [name, `${name} `, `${name}_`, name.replaceAll(" ", "_"), name.replaceAll("/", ""), name.normalize("NFD")]) {
      if (folderOf.has(variant)) continue;
      const folder = breedFolderName(variant);
      const said = `${JSON.stringify(variant)} -> ${JSON.stringify(folder)}`;
      if (breedFolderName(variant) !== folder) problems.push(`${said}: not stable`);
      folderOf.set(variant, folder);

      const other = nameOf.get(folder);
      if (other !== undefined) problems.push(`${said}: shared with ${JSON.stringify(other)}`);
      nameOf.set(folder, variant);
      // On case-insensitive file systems only names that differ just in case may meet.
      const lower = folder.toLowerCase();
      const otherLower = nameOfLower.get(lower);
      if (otherLower !== undefined && otherLower.toLowerCase() !== variant.toLowerCase()) {
        problems.push(`${said}: meets ${JSON.stringify(otherLower)} when case is ignored`);
      }
      nameOfLower.set(lower, variant);

      for (const [flavour, parent] of Object.entries(parents)) {
        const p = flavour === "win32" ? path.win32 : path.posix;
        const resolved = p.resolve(parent, folder);
        if (!resolved.startsWith(parent + p.sep) || p.dirname(resolved) !== parent) problems.push(`${said}: ${flavour} resolves to ${resolved}`);
      }
      if (encoder.encode(folder).length > BREED_FOLDER_MAX_BYTES) problems.push(`${said}: longer than ${BREED_FOLDER_MAX_BYTES} bytes`);
      if (/[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]|[. ]$|^\.\.?$|^$/.test(folder)) problems.push(`${said}: unsafe character or form`);
    }
  }
  expect(problems.slice(0, 10)).toEqual([]);
  expect(folderOf.size).toBeGreaterThan(NAMES_PER_SEED * 3);
});
