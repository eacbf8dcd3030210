import { hashString, hexWords, type Reply } from "@cat-harvest/emulator-kit";

/** The JSON:API media type of every answer. */
export const JSON_API = "application/vnd.api+json";

function reply(status: number, body: unknown, extra: Record<string, string> = {}): Reply {
  return { status, headers: { "content-type": JSON_API, ...extra }, body: JSON.stringify(body) };
}

/** One page of a list: `meta` always; `data` (and `included`) only when the page holds something, as the real API omits them. */
export function listDocument(
  records: readonly unknown[],
  included: readonly unknown[] | undefined,
  paging: { page: number; limit: number; count: number },
  transactionOf: string,
): Reply {
  const { page, limit, count } = paging;
  const transactionId = hexWords(hashString(transactionOf, 1), hashString(transactionOf, 2)).slice(0, 13);
  const meta = { count, countReturned: records.length, pageReturned: page, limit, pages: Math.ceil(count / limit), transactionId };
  if (records.length === 0) return reply(200, { meta });
  return reply(200, included === undefined ? { meta, data: records } : { meta, data: records, included });
}

/** A JSON:API error document. */
export function errorReply(
  status: number,
  title: string,
  detail: string,
  options: { source?: Record<string, string>; headers?: Record<string, string> } = {},
): Reply {
  return reply(status, { errors: [{ status: String(status), title, detail, ...(options.source ? { source: options.source } : {}) }] }, options.headers);
}

/** 200 with any JSON body (the control routes). */
export function okReply(body: unknown): Reply {
  return reply(200, body);
}
