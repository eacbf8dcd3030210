/** How a data set was made: the run that last wrote it. */
export interface ReportMade {
  /** The command line, without secrets (`cat-harvest harvest --source petfinder --out cats`). */
  readonly command: string;
  /** The version of the program that ran it. */
  readonly version: string;
  /** When it ended, ISO 8601. */
  readonly date: string;
}

const MARK = "<!-- cat-harvest card: ";

/** The line of the card that records `made`, read back when the card is rebuilt later. */
export function madeMark(made: ReportMade | undefined, identity?: string): string {
  // JSON inside an HTML comment: `--` and `>` are escaped so it cannot end the comment.
  const json = JSON.stringify({ made: made ?? null, ...(identity ? { report: identity } : {}) })
    .replace(/-(?=-)/g, "\\u002d")
    .replace(/>/g, "\\u003e");
  return `${MARK}${json} -->`;
}

/** Whether `text` is a card this package wrote (and may rewrite), not the user's own README.md. */
export function isOwnCard(text: string): boolean {
  return text.includes(MARK);
}

/** The JSON an earlier card's mark holds, or `undefined` (no mark, or an edited one). */
function markOfCard(text: string): { made?: Partial<ReportMade> | null; report?: unknown } | undefined {
  const start = text.indexOf(MARK);
  if (start === -1) return undefined;
  const end = text.indexOf(" -->", start);
  try {
    return JSON.parse(text.slice(start + MARK.length, end)) as { made?: Partial<ReportMade> | null; report?: unknown };
  } catch {
    // An edited card: the run is then not known.
    return undefined;
  }
}

/** The `made` recorded in an earlier card, or `undefined`. */
export function madeOfCard(text: string): ReportMade | undefined {
  const made = markOfCard(text)?.made;
  if (made && typeof made.command === "string" && typeof made.version === "string" && typeof made.date === "string")
    return { command: made.command, version: made.version, date: made.date };
  return undefined;
}

/** The report identity an earlier card was written with (see `reportIdentity`), or `undefined`. */
export function identityOfCard(text: string): string | undefined {
  const report = markOfCard(text)?.report;
  return typeof report === "string" ? report : undefined;
}
