import { CatHarvestError } from "@cat-harvest/errors";

/** The base of every error this package throws. */
export class PhotosError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/photos.PhotosError");
  override name: string = "PhotosError";
}

/** Why a photo URL was refused. */
export type PhotoUrlProblem = "not-a-string" | "empty" | "unparsable" | "unsupported-protocol" | "has-credentials" | "bad-width";

/** A photo URL that cannot be used: not a URL, not http(s), credentials in it, or a nonsense `width`. */
export class PhotoUrlError extends PhotosError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/photos.PhotoUrlError");
  override name = "PhotoUrlError" as const;
  /** The URL as given (cut to 200 characters), or a description when it was not a string. */
  readonly url: string;
  readonly problem: PhotoUrlProblem;
  constructor(url: string, problem: PhotoUrlProblem, detail: string, options?: ErrorOptions) {
    super(`Parsing photo URL ${JSON.stringify(url)} failed: ${detail}`, options);
    this.url = url;
    this.problem = problem;
  }
}
