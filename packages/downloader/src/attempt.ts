import type { AbortScope } from "./abort-scope.js";
import { acceptFormat } from "./accept-format.js";
import { AttemptContext, type AttemptSettings, type ProgressListener } from "./attempt-context.js";
import { type AttemptOutcome, duplicateOutcome, storedOutcome } from "./attempt-outcome.js";
import { createBodyStream } from "./body-stream.js";
import { emptyBody, refuseResponse } from "./check-response.js";
import { discardBody } from "./discard-body.js";
import { finishBody } from "./finish-body.js";
import { followRedirects, REDIRECT_STATUSES, request } from "./follow-redirects.js";
import { commitToStorage } from "./commit-to-storage.js";
import { SNIFF_BYTES } from "./image-format.js";
import { BodyInspection } from "./inspect-body.js";
import { readChunk, readWholeBody } from "./read-body.js";
import { takeChunk, takeWholeBody } from "./take-body.js";
import type { DownloadJob } from "./types.js";

export type { AttemptOutcome } from "./attempt-outcome.js";
export type { AttemptSettings } from "./attempt-context.js";

const NOTHING = () => {};

/**
 * One HTTP attempt at one job: request (redirects followed by hand), response checks, then
 * the body. A body announced at no more than `maxBufferedBytes` is read whole, checked, and
 * handed to `storage.put` in one piece; any other is sniffed, then streamed into
 * `storage.put` through the checks. Either way the body is finished (end marker, SHA-256,
 * duplicate hook, `onReceived`) before the put may commit, and any failure leaves nothing
 * stored. The steps are awaited inline, not wrapped, so a download pays no extra awaits.
 */
export async function attemptDownload(
  job: DownloadJob<any>,
  settings: AttemptSettings,
  scope: AbortScope,
  onBytes: ProgressListener,
  onReceived: () => void = NOTHING,
): Promise<AttemptOutcome> {
  scope.signal.throwIfAborted();
  const attempt = new AttemptContext(job, settings, scope, onBytes, onReceived);
  try {
    let response = await request(attempt);
    if (REDIRECT_STATUSES.has(response.status)) response = await followRedirects(attempt, response);
    attempt.connected();
    const refused = refuseResponse(attempt, response);
    if (refused) {
      await discardBody(response);
      throw refused;
    }
    const { expected } = attempt;
    const inspection = new BodyInspection(settings.createSha256());

    if (expected !== undefined && expected <= settings.maxBufferedBytes) {
      const body = await readWholeBody(attempt, response);
      takeWholeBody(attempt, inspection, body);
      const format = acceptFormat(attempt, inspection, response);
      if (!(await finishBody(attempt, inspection, format))) return duplicateOutcome(attempt);
      await commitToStorage(attempt, body, format, body.byteLength);
      return storedOutcome(attempt, format, inspection.dimensions);
    }

    // Sniff the magic bytes before touching storage.
    const reader = (attempt.reader = response.body!.getReader());
    const pending: Uint8Array[] = [];
    let ended = false;
    while (!ended && attempt.received < SNIFF_BYTES) {
      const chunk = await readChunk(attempt, reader);
      if (chunk === null) ended = true;
      else pending.push(takeChunk(attempt, inspection, chunk));
    }
    if (attempt.received === 0) throw attempt.fail(emptyBody(attempt));
    const format = acceptFormat(attempt, inspection, response);
    try {
      await commitToStorage(attempt, createBodyStream(attempt, reader, inspection, format, pending, ended), format, expected);
    } catch (thrown) {
      if (attempt.duplicate) return duplicateOutcome(attempt);
      throw thrown;
    }
    return storedOutcome(attempt, format, inspection.dimensions);
  } catch (thrown) {
    throw attempt.committing ? attempt.storageFailure(thrown) : attempt.classify(thrown);
  } finally {
    attempt.end();
  }
}
