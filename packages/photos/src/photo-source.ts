import type { PhotoCandidate } from "./photo-candidate.js";
import type { PhotoSize } from "./photo-size.js";

/** What a source's terms of use say, for the data set's list of sources. */
export interface SourceTerms {
  /** The source's name as people know it ("Petfinder"). */
  readonly title: string;
  /** The terms of use. */
  readonly url: string;
  /** The credit the terms ask for, written where the photos are published. */
  readonly attribution: string;
  /** What the terms allow, in a sentence or two (not legal advice). */
  readonly allows: string;
}

/** One page of a breed's records. */
export interface SourceRecordPage<R> {
  /** JSON-serialisable records: the pipeline keeps them in its records cache. */
  readonly records: readonly R[];
  /** No more records for this breed after this page. */
  readonly exhausted: boolean;
}

export interface SourceRecordsOptions {
  /** The animal type ("cat"). */
  readonly type: string;
  /** Records already fetched in an earlier run: the first page starts after them. */
  readonly from: number;
  /** Records wanted for the breed in all (`from` included). */
  readonly perBreed: number;
  readonly signal: AbortSignal;
}

export interface SourceCandidatesOptions {
  /** The photo size asked for. */
  readonly size: PhotoSize;
  /** Keep only photos of these breed folders (`breedFolderName` of the asked breeds as the source names them). @default every folder */
  readonly folders?: ReadonlySet<string> | undefined;
  /** The asked breeds as the source names them (`breeds()`), when not every breed is asked. @default every breed */
  readonly breeds?: ReadonlySet<string> | undefined;
  /** Leave out colour "breeds" (Tabby, Calico...). @default false */
  readonly noColours?: boolean;
}

/** A source's request quota ran out: stop asking, continue after `resetAt`. */
export interface SourceQuota {
  readonly resetAt: Date;
  /** What ran out, as a sentence's subject: "The Petfinder daily request quota". */
  readonly what: string;
}

/**
 * A source of breed-labelled photos for the pipeline: its breeds, its records per breed (in
 * pages, resumable from a record count), and each record's photo candidates. The pipeline
 * knows nothing else about a source.
 */
export interface PhotoSource<R = unknown> {
  /** A short, stable name ("petfinder"): in metadata lines, file names and cache names. */
  readonly name: string;
  readonly terms: SourceTerms;
  /** The API root the records come from: a records cache of another endpoint is not reused. */
  readonly endpoint: string;
  /**
   * The label a breed name or id of this source stands for (its canonical breed), so asked
   * breeds match across spellings and ids ("beng" and "Bengal"). @default the name itself
   */
  breedLabel?(nameOrId: string): string;
  /** Whether a breed of this source is a colour rather than a breed (Tabby, Calico...). @default never */
  isColour?(name: string): boolean;
  /** Every breed name of `type`, as the source spells it. */
  breeds(type: string, signal?: AbortSignal): Promise<string[]>;
  /** Pages of a breed's records, from `options.from`, until `options.perBreed` or the end. */
  records(breed: string, options: SourceRecordsOptions): AsyncIterable<SourceRecordPage<R>>;
  /** A record's photo candidates (a record of two breeds is offered under both). */
  candidates(record: R, options: SourceCandidatesOptions): PhotoCandidate[];
  /** When `error` says this source's quota ran out: what and until when; else `undefined`. */
  quotaOf(error: unknown): SourceQuota | undefined;
  /** When `error` says the source refused the credentials: what to tell the user (never the secret); else `undefined`. */
  credentialsProblem(error: unknown): string | undefined;
}
