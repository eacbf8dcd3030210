import { CatHarvestError } from "@cat-harvest/errors";

/** The base of every error this package throws (bad options are TypeErrors). */
export class RescueGroupsEmulatorError extends CatHarvestError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups-emulator.RescueGroupsEmulatorError");
  override name: string = "RescueGroupsEmulatorError";
}

/** The server could not listen on the requested host and port. */
export class RescueGroupsEmulatorListenError extends RescueGroupsEmulatorError {
  static override readonly marker: symbol = Symbol.for("@cat-harvest/rescuegroups-emulator.RescueGroupsEmulatorListenError");
  override name = "RescueGroupsEmulatorListenError" as const;
  readonly host: string;
  readonly port: number;
  constructor(host: string, port: number, options?: ErrorOptions) {
    super(
      `rescuegroups-emulator could not listen on ${host}:${port}: ${(options?.cause as Error | undefined)?.message ?? "unknown error"}. Pick another port, or port 0 for a free one.`,
      options,
    );
    this.host = host;
    this.port = port;
  }
}
