import type { AttemptContext } from "./attempt-context.js";
import type { ImageDimensions } from "./image-dimensions.js";
import { IMAGE_MIME_TYPES, type ImageFormat } from "./image-format.js";

/** How a successful attempt ended: the file stored, or its body dropped as a duplicate. */
export type AttemptOutcome =
  | {
      readonly kind: "stored";
      readonly bytes: number;
      readonly sha256: string;
      readonly format: ImageFormat;
      readonly contentType: string;
      readonly dimensions: ImageDimensions | null;
    }
  | { readonly kind: "duplicate"; readonly bytes: number; readonly sha256: string };

/** The outcome of a put that resolved; a put that resolved before reading the body to its end broke the storage contract. */
export function storedOutcome(attempt: AttemptContext, format: ImageFormat, dimensions: ImageDimensions | null): AttemptOutcome {
  const { sha256, received } = attempt;
  if (sha256 === undefined) {
    const { storage } = attempt.settings;
    throw attempt.error(
      "storage",
      `${storage.name} storage resolved put(${JSON.stringify(attempt.job.key)}) before reading the body to its end; the adapter breaks the storage contract`,
      {
        status: attempt.status,
      },
    );
  }
  return { kind: "stored", bytes: received, sha256, format, contentType: IMAGE_MIME_TYPES[format], dimensions };
}

/** The outcome of a body the duplicate hook dropped. */
export function duplicateOutcome(attempt: AttemptContext): AttemptOutcome {
  return { kind: "duplicate", bytes: attempt.received, sha256: attempt.sha256! };
}
