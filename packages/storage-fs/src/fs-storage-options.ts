/**
 * When a put calls fsync. `always`: the file and its folder on every put, so a put that
 * resolved survives a power cut. `metadata`: only for keys `isMetadata` accepts (the
 * data set's *.jsonl/*.csv/*.json), photos are renamed into place without fsync (a crash
 * of the process still never leaves a partial file under a final name, but a power cut may
 * lose the last photos, which a resumed run downloads again). `never`: no fsync at all.
 */
export type FsyncMode = "always" | "metadata" | "never";

export interface FsStorageOptions {
  /**
   * The folder objects go into; created (with its parents) when missing. Relative paths
   * resolve against the current directory.
   * @example "./cat_breeds"
   */
  readonly root: string;
  /**
   * When puts call fsync; see `FsyncMode`.
   * @default "always"
   */
  readonly fsync?: FsyncMode;
  /**
   * Which keys are metadata, made durable even with `fsync: "metadata"`.
   * @default (key) => /\.(jsonl|csv|json)$/i.test(key)
   */
  readonly isMetadata?: (key: string) => boolean;
  /**
   * Remove temporary files (`.<name>.<random>.part`) a killed run left behind, when opening.
   * Only one process should write into a root at a time: a second one opening it would
   * remove the first one's files in progress.
   * @default true
   */
  readonly removeTemporaryFiles?: boolean;
  /**
   * Open the folder only to read it: it must exist, nothing is created or removed (no
   * temporary-file cleanup, whatever `removeTemporaryFiles` says), `put` and `delete`
   * reject with `StorageCapabilityError`, and `capabilities.write` is false.
   * @default false
   */
  readonly readOnly?: boolean;
}

const DEFAULT_IS_METADATA = (key: string) => /\.(jsonl|csv|json)$/i.test(key);
const FSYNC_MODES: readonly FsyncMode[] = ["always", "metadata", "never"];

/** The options checked (`TypeError` for a bad one), with their defaults filled in. */
export interface ResolvedFsStorageOptions {
  readonly root: string;
  readonly fsync: FsyncMode;
  /** Whether a put or delete of `key` is made durable (fsync), by `fsync` and `isMetadata`. */
  readonly durable: (key: string) => boolean;
  readonly removeTemporaryFiles: boolean;
  readonly readOnly: boolean;
}

export function resolveFsStorageOptions(options: FsStorageOptions): ResolvedFsStorageOptions {
  if (typeof options !== "object" || options === null) throw new TypeError('createFsStorage needs options, e.g. { root: "./cat_breeds" }');
  if (typeof options.root !== "string" || options.root === "")
    throw new TypeError('createFsStorage needs options.root, the folder to write into, e.g. "./cat_breeds"');
  if (options.root.includes("\u0000")) throw new TypeError("createFsStorage: options.root contains a NUL character");
  const fsync = options.fsync ?? "always";
  if (!FSYNC_MODES.includes(fsync)) throw new TypeError(`createFsStorage: options.fsync must be "always", "metadata" or "never", got ${JSON.stringify(fsync)}`);
  const isMetadata = options.isMetadata ?? DEFAULT_IS_METADATA;
  if (typeof isMetadata !== "function") throw new TypeError("createFsStorage: options.isMetadata must be a function (key) => boolean");
  const readOnly = options.readOnly ?? false;
  if (typeof readOnly !== "boolean") throw new TypeError(`createFsStorage: options.readOnly must be a boolean, got ${typeof readOnly}`);
  return {
    readOnly,
    root: options.root,
    fsync,
    durable: (key) => fsync === "always" || (fsync === "metadata" && isMetadata(key)),
    removeTemporaryFiles: options.removeTemporaryFiles !== false && !readOnly,
  };
}
