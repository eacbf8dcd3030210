import type { StorageAdapter } from "@cat-harvest/storage";
import type { ReportData } from "./report-data.js";
import { textLines } from "./read-text.js";

/** Everything report.html and the card are made of, but the moments they were made at. */
export interface IdentityParts {
  readonly data: ReportData;
  readonly title: string;
  readonly links: boolean;
  readonly minimum: number;
  readonly thumbnailSize: number;
  readonly version: string;
  /** The command that made the data set, not when it ran: a run that changed nothing keeps the earlier date. */
  readonly command: string | undefined;
}

const META = '<meta name="cat-harvest-report" content="';

/**
 * A sha256 of what the report shows: the same data set and options give the same identity on
 * every run, so a run that changed nothing finds it in the stored report and card and writes
 * neither (an archive then stays byte for byte as it was, instead of gaining new copies).
 */
export async function reportIdentity(parts: IdentityParts): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(parts)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The `<meta>` line that carries the identity in report.html's head. */
export function identityMeta(identity: string): string {
  return `${META}${identity}">`;
}

/** The identity in the head of a stored report.html (its first lines only), or `undefined`. */
export async function storedReportIdentity(storage: StorageAdapter, key: string): Promise<string | undefined> {
  let lines = 0;
  for await (const line of textLines(storage, key)) {
    const at = line.indexOf(META);
    if (at !== -1) return line.slice(at + META.length, line.indexOf('"', at + META.length));
    if (++lines === 8) break;
  }
  return undefined;
}
