import type { CommandIO } from "../command-io.js";
import { EXIT_OK } from "../exit-codes.js";
import type { ParsedCommand } from "../parse-command-line.js";

/** `cat-harvest emulator`: the bundled emulator on its own until Ctrl-C (loaded only then). */
export async function emulatorCommand(parsed: Extract<ParsedCommand, { command: "emulator" }>, io: CommandIO): Promise<number> {
  const { resolveEmulatorOptions, startEmulator } = await import("@cat-harvest/petfinder-emulator");
  const emulator = await startEmulator(parsed.options);
  const options = resolveEmulatorOptions(parsed.options);
  io.stdout(`listening on ${emulator.url}`);
  io.stderr(
    `Petfinder emulator: client id "${options.clientId}", scale ${options.scale}, seed ${options.seed}. Ground truth at ${emulator.url}/_emulator/truth. Ctrl-C stops it.`,
  );
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await emulator.stop();
  return EXIT_OK;
}
