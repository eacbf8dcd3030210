import type { AttemptContext } from "./attempt-context.js";
import { DuplicateHookError } from "./errors.js";
import type { ImageFormat } from "./image-format.js";
import type { BodyInspection } from "./inspect-body.js";

/**
 * Runs once the whole body has arrived, before the put may commit: a body without its
 * format's end marker is `truncated`; then the body's SHA-256 goes to the duplicate hook.
 * Returns `false` when the hook dropped the body; else frees the connection slot
 * (`onReceived`) and returns `true`.
 */
export async function finishBody(attempt: AttemptContext, inspection: BodyInspection, format: ImageFormat): Promise<boolean> {
  const { settings, received } = attempt;
  if (settings.checkImageEnd && !inspection.isComplete(format, received)) {
    throw attempt.fail(
      attempt.error("truncated", `GET ${attempt.shownUrl} body of ${received} bytes lacks the ${format} end marker, so it was cut short`, {
        status: attempt.status,
      }),
    );
  }
  const sha256 = (attempt.sha256 = inspection.sha256());
  if (settings.isDuplicate && (await askDuplicateHook(attempt, sha256))) {
    attempt.duplicate = true;
    return false;
  }
  attempt.onReceived();
  return true;
}

/** The hook's answer; a hook that throws fails the whole run with a `DuplicateHookError`. */
async function askDuplicateHook(attempt: AttemptContext, sha256: string): Promise<boolean> {
  try {
    return await attempt.settings.isDuplicate!(sha256, attempt.job);
  } catch (thrown) {
    throw (attempt.hookError = new DuplicateHookError(attempt.job.key, thrown));
  }
}
