/** Keys every adapter must store and return exactly as given. */
export const FRIENDLY_KEYS: readonly string[] = [
  "metadata.jsonl",
  "Bengal/123-1.jpg",
  "Maine Coon/7-2.jpg",
  "Ragdoll/ünïcødé 猫.jpg",
  "Sphynx_-_Hairless_Cat/ two  spaces .jpg",
  "emoji 😺/🐈‍⬛.jpg",
  "deep/a/b/c/d/e.bin",
  "..hidden/x.txt",
  "Bengal2/1-1.jpg",
];

/** Keys every adapter must refuse with `StorageKeyError`, on every method. */
export const HOSTILE_KEYS: readonly (readonly [key: string, problem: string])[] = [
  ["", "empty"],
  ["/etc/passwd", "absolute"],
  ["../outside.jpg", "parent segment"],
  ["a/../../outside.jpg", "parent segment in the middle"],
  ["a/..", "trailing parent segment"],
  ["./a.jpg", "dot segment"],
  ["a\\..\\b.jpg", "backslash"],
  ["nul\u0000byte.jpg", "NUL"],
  ["line\nbreak.jpg", "control character"],
  ["a//b.jpg", "empty segment"],
  ["trailing/", "trailing slash"],
  ["C:evil.jpg", "drive letter"],
];
