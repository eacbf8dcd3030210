import type { CommandIO } from "../command-io.js";
import { EXIT_OK } from "../exit-codes.js";
import type { ParsedCommand } from "../parse-command-line.js";

type EmulatorCommand = Extract<ParsedCommand, { command: "emulator" }>;

/** Starts the emulator of `parsed.source` (loaded only now); its URL and a line about it. */
async function startOne(parsed: EmulatorCommand): Promise<{ url: string; about: string; stop(): Promise<void> }> {
  if (parsed.source === "thecatapi") {
    const { startCatApiEmulator } = await import("@cat-harvest/thecatapi-emulator");
    const emulator = await startCatApiEmulator(parsed.options);
    const { scale, seed } = emulator.options;
    return {
      url: emulator.url,
      about: `The Cat API emulator: API at ${emulator.apiUrl}, key "demo", scale ${scale}, seed ${seed}.`,
      stop: () => emulator.stop(),
    };
  }
  if (parsed.source === "rescuegroups") {
    const { startRescueGroupsEmulator } = await import("@cat-harvest/rescuegroups-emulator");
    const emulator = await startRescueGroupsEmulator(parsed.options);
    const { scale, seed } = emulator.options;
    return {
      url: emulator.url,
      about: `RescueGroups.org emulator: API at ${emulator.apiUrl}, key "demo", scale ${scale}, seed ${seed}.`,
      stop: () => emulator.stop(),
    };
  }
  const { resolveEmulatorOptions, startEmulator } = await import("@cat-harvest/petfinder-emulator");
  const emulator = await startEmulator(parsed.options);
  const options = resolveEmulatorOptions(parsed.options);
  return {
    url: emulator.url,
    about: `Petfinder emulator: client id "${options.clientId}", scale ${options.scale}, seed ${options.seed}.`,
    stop: () => emulator.stop(),
  };
}

/** `cat-harvest emulator [--source S]`: a bundled emulator on its own until Ctrl-C. */
export async function emulatorCommand(parsed: EmulatorCommand, io: CommandIO): Promise<number> {
  const emulator = await startOne(parsed);
  io.stdout(`listening on ${emulator.url}`);
  io.stderr(`${emulator.about} Ground truth at ${emulator.url}/_emulator/truth. Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await emulator.stop();
  return EXIT_OK;
}
