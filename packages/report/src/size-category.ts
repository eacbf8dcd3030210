const CATEGORIES: ReadonlyArray<[number, string]> = [
  [1_000, "n<1K"],
  [10_000, "1K<n<10K"],
  [100_000, "10K<n<100K"],
  [1_000_000, "100K<n<1M"],
  [10_000_000, "1M<n<10M"],
  [100_000_000, "10M<n<100M"],
  [1_000_000_000, "100M<n<1B"],
];

/** The Hugging Face `size_categories` value for `files` examples. */
export function sizeCategory(files: number): string {
  return CATEGORIES.find(([limit]) => files < limit)?.[1] ?? "n>1T";
}
