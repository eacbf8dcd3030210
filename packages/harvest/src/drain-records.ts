import { animalPhotoRows, type PhotoSize } from "@cat-harvest/photos";
import { createChannel } from "./channel.js";
import type { BreedRecord } from "./records.js";

/**
 * One photo to consider for the data set, as queued between the API phase and the downloads:
 * only what `harvest` needs to decide and describe it, never the animal it came from (a
 * record is a few KB; a row is a URL, a key and a few short fields).
 */
export interface QueuedPhotoRow {
  readonly url: string;
  /** The data set key: `<folder>/<animalId>-<photo>.jpg`. */
  readonly key: string;
  readonly folder: string;
  readonly breed: string;
  readonly animalId: number;
  readonly photo: number;
  /** The size the URL is of (a missing size falls back to another). */
  readonly size: PhotoSize;
}

export interface DrainRecordsOptions {
  /** The photo size asked for. */
  readonly size: PhotoSize;
  /** Keep only rows of these breed folders. @default every folder */
  readonly folders?: ReadonlySet<string> | undefined;
  /** A record was read and its rows queued. */
  readonly onRecord?: () => void;
  /** Every record was read and its rows queued (not called when the records failed). */
  readonly onEnd?: () => void;
}

/**
 * Reads `records` as fast as they come and queues each one's photo rows at once, so the
 * breed fetchers never wait for downloads. The queue is bounded by the data set itself
 * (records per breed x breeds), and holds compact rows only.
 *
 * `rows` ends once the records have ended and every row is read; an error from `records`
 * fails `rows` at its next read. `done` settles (never rejects) once `records` has ended.
 */
export function drainRecords(records: AsyncIterable<BreedRecord>, options: DrainRecordsOptions): { rows: AsyncIterable<QueuedPhotoRow>; done: Promise<void> } {
  const { size, folders, onRecord, onEnd } = options;
  const rows = createChannel<QueuedPhotoRow>();
  // Thousands of rows share a few dozen breed names: keep one copy of each.
  const names = new Map<string, string>();
  const intern = (name: string) => {
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };
  const drain = async () => {
    for await (const record of records) {
      for (const row of animalPhotoRows(record.animal, { size })) {
        if (folders && !folders.has(row.folder)) continue;
        void rows.push({
          url: row.url,
          key: row.key,
          folder: intern(row.folder),
          breed: intern(row.breed),
          animalId: row.animalId,
          photo: row.photo,
          size: row.size,
        });
      }
      onRecord?.();
    }
    onEnd?.();
  };
  const done = drain().then(
    () => rows.close(),
    (error: unknown) => rows.fail(error),
  );
  return { rows, done };
}
