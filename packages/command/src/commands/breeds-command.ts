import type { CommandIO } from "../command-io.js";
import { EXIT_OK } from "../exit-codes.js";
import { inFlagLanguage } from "../flag-language.js";
import { openSources } from "../open-sources.js";
import type { ParsedCommand } from "../parse-command-line.js";

/** `cat-harvest breeds`: the breed names of a type, one a line (or a JSON array). */
export async function breedsCommand(parsed: Extract<ParsedCommand, { command: "breeds" }>, io: CommandIO): Promise<number> {
  const api = await openSources(parsed, io);
  try {
    const breeds = await api.sources[0]!.breeds(parsed.type, io.signal).catch((error: unknown) => {
      throw inFlagLanguage(error);
    });
    if (parsed.json) io.stdout(JSON.stringify(breeds));
    else for (const breed of breeds) io.stdout(breed);
    return EXIT_OK;
  } finally {
    await api.stop();
  }
}
