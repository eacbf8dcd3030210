import type { ReportMade } from "./made.js";
import type { ReportData } from "./report-data.js";
import type { Thumbnail } from "./thumbnailer.js";

/** What the page is rendered from. */
export interface ReportPage {
  readonly title: string;
  readonly data: ReportData;
  /** Thumbnails by file name. */
  readonly thumbnails: ReadonlyMap<string, Thumbnail>;
  /** Whether each thumbnail links to its full file (a folder DEST, where the file sits beside report.html). */
  readonly links: boolean;
  /** Breeds with fewer images are marked. */
  readonly minimum: number;
  /** The run that made the data set, when known. */
  readonly made: ReportMade | undefined;
  /** This report: the version that built it and when. */
  readonly built: { readonly version: string; readonly date: string };
  /** What the page shows, as a sha256 (`reportIdentity`), kept in its head. */
  readonly identity?: string;
}

/** The id of a breed's sheet: by position, so no outside text goes into an id. */
export function sheetId(index: number): string {
  return `breed-${index + 1}`;
}
