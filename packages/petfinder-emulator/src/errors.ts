import { CatHarvestError } from "@cat-harvest/errors";

/**
 * The base of every error this package throws (bad options are TypeErrors). Each class has its
 * own `isInstance`, which holds across two installed copies of this package.
 */
export class EmulatorError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder-emulator.EmulatorError");
  override name: string = "EmulatorError";
}

/** The server could not listen on the requested host and port. */
export class EmulatorListenError extends EmulatorError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/petfinder-emulator.EmulatorListenError");
  override name = "EmulatorListenError" as const;
  readonly host: string;
  readonly port: number;
  constructor(host: string, port: number, options?: ErrorOptions) {
    super(
      `petfinder-emulator could not listen on ${host}:${port}: ${(options?.cause as Error | undefined)?.message ?? "unknown error"}. Pick another port, or port 0 for a free one.`,
      options,
    );
    this.host = host;
    this.port = port;
  }
}
