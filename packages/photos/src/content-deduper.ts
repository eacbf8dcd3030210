/** Options of `createContentDeduper`. */
export interface ContentDeduperOptions {
  /**
   * `"folder"`: identical bytes count as a duplicate only within one folder (the part of the
   * key before the last `/`), so a photo filed under both of an animal's breeds keeps both
   * copies. `"global"`: identical bytes anywhere are a duplicate.
   * @default "folder"
   */
  readonly scope?: "folder" | "global";
}

/** Drops byte-identical re-posts found at download time, by content hash. */
export interface ContentDeduper {
  /**
   * Records `sha256` for `key` and returns true when another key in the same scope already
   * holds the same hash (so this one is a re-post). The same key asking again (a retry) is
   * not a duplicate.
   */
  seen(sha256: string, key: string): boolean;
  /** The downloader's content-hash hook: `seen(sha256, job.key)`. */
  isDuplicate(sha256: string, job: { readonly key: string }): boolean;
  /** The key that first held this hash in `key`'s scope, or undefined. */
  firstKey(sha256: string, key: string): string | undefined;
  /** Forgets `key`'s claim on `sha256` (say, its store failed after all), so a later copy is kept. */
  forget(sha256: string, key: string): void;
  /** How many hashes are held. */
  readonly size: number;
}

function scopeOf(key: string, scope: "folder" | "global"): string {
  if (scope === "global") return "";
  const slash = key.lastIndexOf("/");
  return slash < 0 ? "" : key.slice(0, slash);
}

/**
 * Creates a content de-duplicator for the downloader's hook (see contracts: the downloader
 * hashes each body while streaming it and asks `isDuplicate(sha256, job)` before closing the
 * stream; true makes it store nothing and report the job as a duplicate). Memory holds one
 * entry per distinct hash and scope.
 *
 * @example
 * const dedupe = createContentDeduper();
 * dedupe.seen("ab12…", "Bengal/1-1.jpg"); // false: first copy
 * dedupe.seen("ab12…", "Bengal/2-1.jpg"); // true: the same bytes under another animal
 */
export function createContentDeduper(options: ContentDeduperOptions = {}): ContentDeduper {
  const scope = options.scope ?? "folder";
  if (scope !== "folder" && scope !== "global") {
    throw new TypeError(`Creating a content deduper failed: scope must be "folder" or "global", got ${JSON.stringify(scope)}`);
  }
  const first = new Map<string, string>();
  const entry = (sha256: string, key: string, operation: string): string => {
    if (typeof sha256 !== "string" || sha256 === "") throw new TypeError(`${operation} failed: expected a non-empty sha256 string`);
    if (typeof key !== "string" || key === "") throw new TypeError(`${operation} failed: expected a non-empty storage key`);
    return `${scopeOf(key, scope)}\n${sha256.toLowerCase()}`;
  };
  const deduper: ContentDeduper = {
    seen(sha256, key) {
      const id = entry(sha256, key, "Checking content for duplicates");
      const holder = first.get(id);
      if (holder === undefined) {
        first.set(id, key);
        return false;
      }
      return holder !== key;
    },
    isDuplicate(sha256, job) {
      return deduper.seen(sha256, job?.key);
    },
    firstKey(sha256, key) {
      return first.get(entry(sha256, key, "Looking up a content hash"));
    },
    forget(sha256, key) {
      const id = entry(sha256, key, "Forgetting a content hash");
      if (first.get(id) === key) first.delete(id);
    },
    get size() {
      return first.size;
    },
  };
  return deduper;
}
