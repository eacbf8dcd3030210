/** A small image made from a stored photo, ready to embed. */
export interface Thumbnail {
  readonly bytes: Uint8Array;
  /** `image/webp`, `image/jpeg` or `image/png`. */
  readonly type: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Makes a thumbnail at most `size` pixels on its longer side from a photo's bytes; rejects when
 * the bytes are not an image it can read. Injected, so the image library lives in the program
 * that runs the report (the command loads sharp), never in this web-only package.
 */
export type Thumbnailer = (photo: Uint8Array, size: number) => Promise<Thumbnail>;
