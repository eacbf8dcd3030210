import type { AttemptContext } from "./attempt-context.js";
import type { ImageFormat } from "./image-format.js";
import type { BodyInspection } from "./inspect-body.js";

/**
 * The body's format by its magic bytes, whatever the Content-Type says; throws `not-an-image`
 * for a body of no accepted format (an HTML error page sent with status 200, say).
 */
export function acceptFormat(attempt: AttemptContext, inspection: BodyInspection, response: Response): ImageFormat {
  const { formats } = attempt.settings;
  const format = inspection.detectFormat();
  if (format !== null && formats.has(format)) return format;
  const type = response.headers.get("content-type") ?? "no Content-Type";
  const what = format === null ? `not a ${[...formats].join("/")} image` : `a ${format} image, which formats excludes`;
  throw attempt.fail(
    attempt.error("not-an-image", `GET ${attempt.shownUrl} answered ${attempt.status} (${type}) with ${what}; it starts ${preview(inspection.head)}`, {
      status: attempt.status,
    }),
  );
}

/** The first bytes as printable text, for a message. */
function preview(bytes: Uint8Array): string {
  const text = String.fromCharCode(...bytes.subarray(0, 16)).replace(/[^\x20-\x7e]/g, ".");
  return JSON.stringify(text);
}
