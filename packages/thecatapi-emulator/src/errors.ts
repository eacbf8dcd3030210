import { CatHarvestError } from "@cat-harvest/errors";

/** The base of every error this package throws (bad options are TypeErrors). */
export class CatApiEmulatorError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi-emulator.CatApiEmulatorError");
  override name: string = "CatApiEmulatorError";
}

/** The server could not listen on the requested host and port. */
export class CatApiEmulatorListenError extends CatApiEmulatorError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/thecatapi-emulator.CatApiEmulatorListenError");
  override name = "CatApiEmulatorListenError" as const;
  readonly host: string;
  readonly port: number;
  constructor(host: string, port: number, options?: ErrorOptions) {
    super(
      `thecatapi-emulator could not listen on ${host}:${port}: ${(options?.cause as Error | undefined)?.message ?? "unknown error"}. Pick another port, or port 0 for a free one.`,
      options,
    );
    this.host = host;
    this.port = port;
  }
}
