import { createChannel } from "./channel.js";
import type { PhotoCandidate } from "./photo-candidate.js";

export interface DrainCandidatesOptions<T> {
  /** A source item's candidates (see `PhotoSource.candidates`). */
  readonly candidatesOf: (item: T) => Iterable<PhotoCandidate>;
  /** An item was read and its candidates queued. */
  readonly onItem?: () => void;
  /** Every item was read and its candidates queued (not called when the items failed). */
  readonly onEnd?: () => void;
}

/**
 * Reads a source's items (Petfinder records, say) as fast as they come and queues each one's
 * candidates at once, so the source never waits for downloads. The queue is bounded by the
 * data set itself, and holds candidates only (a URL and a few short fields), never the items.
 *
 * `candidates` ends once the items have ended and every candidate is read; an error from
 * `items` fails `candidates` at its next read. `done` settles (never rejects) once `items` has ended.
 */
export function drainCandidates<T>(
  items: AsyncIterable<T>,
  options: DrainCandidatesOptions<T>,
): { candidates: AsyncIterable<PhotoCandidate>; done: Promise<void> } {
  const { candidatesOf, onItem, onEnd } = options;
  const candidates = createChannel<PhotoCandidate>();
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
      for (const candidate of candidatesOf(item)) void candidates.push({ ...candidate, breed: intern(candidate.breed) });
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
