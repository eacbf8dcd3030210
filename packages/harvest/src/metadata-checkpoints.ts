import type { StorageAdapter } from "@cat-harvest/storage";
import { METADATA_FILE } from "./dataset-files.js";
import type { encodeLines } from "./encode-lines.js";

/**
 * Rewrites metadata.jsonl during a run, at most every `intervalMs`, on stores that can replace
 * objects but not append to them (S3), so a killed run loses at most that much bookkeeping.
 */
export interface MetadataCheckpoints {
  /** Notes that the data set changed since the last checkpoint. */
  touch(): void;
  /** Rewrites metadata.jsonl when the interval has passed (or `force`) and something changed. */
  checkpoint(force?: boolean): Promise<void>;
  /** The checkpoint being written, if any. */
  readonly writing: Promise<void> | undefined;
}

export function createMetadataCheckpoints(
  storage: StorageAdapter,
  options: { readonly enabled: boolean; readonly intervalMs: number; readonly metadataBody: () => ReturnType<typeof encodeLines> },
): MetadataCheckpoints {
  let last = Date.now();
  let writing: Promise<void> | undefined;
  let dirty = false;
  return {
    touch() {
      dirty = true;
    },
    get writing() {
      return writing;
    },
    async checkpoint(force = false) {
      if (!options.enabled || writing) return writing;
      if (!dirty || (!force && Date.now() - last < options.intervalMs)) return;
      dirty = false;
      last = Date.now();
      const { body, size } = options.metadataBody();
      writing = storage.put(METADATA_FILE, body, { size, contentType: "application/jsonl" }).finally(() => {
        writing = undefined;
        last = Date.now();
      });
      return writing;
    },
  };
}
