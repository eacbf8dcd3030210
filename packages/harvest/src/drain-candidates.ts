import { createChannel } from "./channel.js";
import type { PhotoCandidate } from "./photo-candidate.js";

export interface DrainCandidatesOptions<T> {
  /** A source item's candidates (see `PhotoSource.candidates`). */
  readonly candidatesOf: (item: T) => Iterable<PhotoCandidate>;
  /** An item was read and its candidates queued. */
  readonly onItem?: () => void;
  /** Every item was read and its candidates queued (not called when the items failed). */
  readonly onEnd?: () => void;
  /** Candidates queued before reading the items waits for the downloads. @default 4096 */
  readonly capacity?: number;
  /** The queue is full: reading the items waits for the downloads from now on (called each time it fills). */
  readonly onFull?: () => void;
}

/**
 * Candidates waiting for the downloads at most: a few hundred bytes each, so about a
 * megabyte whatever the number of records; the API phase runs this far ahead of the downloads.
 */
export const CANDIDATE_QUEUE_CAPACITY = 4096;

/**
 * Reads a source's items (Petfinder records, say) and queues each one's candidates, a URL and
 * a few short fields (never the items). The queue is bounded (`capacity`): once it is full,
 * reading the items waits for the downloads to take candidates, so memory does not grow with
 * the number of records; until then the source goes at its own pace.
 *
 * `candidates` ends once the items have ended and every candidate is read; an error from
 * `items` fails `candidates` at its next read. `done` settles (never rejects) once `items` has ended.
 */
export function drainCandidates<T>(
  items: AsyncIterable<T>,
  options: DrainCandidatesOptions<T>,
): { candidates: AsyncIterable<PhotoCandidate>; done: Promise<void> } {
  const { candidatesOf, onItem, onEnd, onFull } = options;
  const capacity = options.capacity ?? CANDIDATE_QUEUE_CAPACITY;
  const candidates = createChannel<PhotoCandidate>(capacity);
  // Thousands of candidates share a few dozen labels: keep one copy of each.
  const labels = new Map<string, string>();
  const intern = (label: string) => {
    const known = labels.get(label);
    if (known !== undefined) return known;
    labels.set(label, label);
    return label;
  };
  const drain = async () => {
    for await (const item of items) {
      for (const candidate of candidatesOf(item)) {
        if (candidates.size >= capacity) onFull?.();
        await candidates.push({ ...candidate, breed: intern(candidate.breed) });
      }
      onItem?.();
    }
    onEnd?.();
  };
  const done = drain().then(
    () => candidates.close(),
    (error: unknown) => candidates.fail(error),
  );
  return { candidates, done };
}
