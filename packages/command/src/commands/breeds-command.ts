import type { CommandIO } from "../command-io.js";
import { EXIT_OK } from "../exit-codes.js";
import { inFlagLanguage } from "../flag-language.js";
import { openApi } from "../open-api.js";
import type { ParsedCommand } from "../parse-command-line.js";

/** `cat-harvest breeds`: the breed names of a type, one a line (or a JSON array). */
export async function breedsCommand(parsed: Extract<ParsedCommand, { command: "breeds" }>, io: CommandIO): Promise<number> {
  const api = await openApi(parsed, io);
  try {
    const breeds = await api.client.breeds(parsed.type, { signal: io.signal }).catch((error: unknown) => {
      throw inFlagLanguage(error);
    });
    if (parsed.json) io.stdout(JSON.stringify(breeds.map((b) => b.name)));
    else for (const breed of breeds) io.stdout(breed.name);
    return EXIT_OK;
  } finally {
    await api.stop();
  }
}
