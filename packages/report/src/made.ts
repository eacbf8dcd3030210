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
export function madeMark(made: ReportMade | undefined): string {
  // JSON inside an HTML comment: `--` and `>` are escaped so it cannot end the comment.
  const json = JSON.stringify({ made: made ?? null })
    .replace(/-(?=-)/g, "\\u002d")
    .replace(/>/g, "\\u003e");
  return `${MARK}${json} -->`;
}

/** Whether `text` is a card this package wrote (and may rewrite), not the user's own README.md. */
export function isOwnCard(text: string): boolean {
  return text.includes(MARK);
}

/** The `made` recorded in an earlier card, or `undefined`. */
export function madeOfCard(text: string): ReportMade | undefined {
  const start = text.indexOf(MARK);
  if (start === -1) return undefined;
  const end = text.indexOf(" -->", start);
  try {
    const { made } = JSON.parse(text.slice(start + MARK.length, end)) as { made?: Partial<ReportMade> | null };
    if (made && typeof made.command === "string" && typeof made.version === "string" && typeof made.date === "string")
      return { command: made.command, version: made.version, date: made.date };
  } catch {
    // An edited card: the run is then not known.
  }
  return undefined;
}
