const MARKER = Symbol.for("@cat-harvest/petfinder-emulator.error");

/** The base of every error this package throws (bad options are TypeErrors). */
export class EmulatorError extends Error {
  override name: string = "EmulatorError";
  readonly [MARKER] = true;
  /** Tells an `EmulatorError` apart even across two installed copies of this package. */
  static isInstance(error: unknown): error is EmulatorError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** The server could not listen on the requested host and port. */
export class EmulatorListenError extends EmulatorError {
  override name = "EmulatorListenError" as const;
  readonly host: string;
  readonly port: number;
  constructor(host: string, port: number, options?: ErrorOptions) {
    super(`petfinder-emulator could not listen on ${host}:${port}: ${(options?.cause as Error | undefined)?.message ?? "unknown error"}. Pick another port, or port 0 for a free one.`, options);
    this.host = host;
    this.port = port;
  }
}
