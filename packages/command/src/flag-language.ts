import { HarvestColumnError, HarvestPlanMismatchError, HarvestUnknownBreedError, HarvestUsageError } from "@cat-harvest/harvest";
import { PetfinderAuthError } from "@cat-harvest/petfinder";
import { CommandCredentialsError, CommandUsageError } from "./errors.js";
import { KEYED_SOURCES, type KeyedSourceSpec } from "./keyed-sources.js";

/** The flag that sets each pipeline option. */
export const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  breeds: "--breeds",
  cap: "--cap",
  concurrency: "--concurrency",
  format: "--format",
  input: "--input",
  labelColumn: "--label-column",
  rows: "--input",
  labels: "--input",
  shardSize: "--shard-size",
  perBreed: "--per-breed",
  size: "--size",
  storage: "--out",
  type: "--type",
  urlColumn: "--url-column",
};

/** A PetfinderAuthError (401/403) anywhere in the cause chain: the pipeline may wrap it. */
function refusedCredentials(error: unknown): boolean {
  for (let e = error, depth = 0; e !== undefined && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (PetfinderAuthError.isInstance(e)) return true;
  }
  return false;
}

/** The keyed source whose client refused its key (`<Client>AuthError` by name, anywhere in the cause chain; the client is loaded only when asked for). */
function refusedKey(error: unknown): KeyedSourceSpec | undefined {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: unknown }).name;
    const spec = KEYED_SOURCES.find((s) => s.authError === name);
    if (spec) return spec;
  }
  return undefined;
}

function unknownBreeds(error: HarvestUnknownBreedError, type: string): CommandUsageError {
  const parts = error.unknown.map((name) => {
    const close = error.suggestions[name] ?? [];
    return close.length > 0 ? `"${name}" (did you mean ${close.map((c) => `"${c}"`).join(", ")}?)` : `"${name}"`;
  });
  return new CommandUsageError(
    "breeds",
    `--breeds: unknown ${type} breed${parts.length > 1 ? "s" : ""} ${parts.join("; ")}; see \`cat-harvest breeds --type ${type}\` for the list`,
    { cause: error },
  );
}

/** A list without the column a flag names (or its default): the columns it has, and the flag that picks one. */
function missingColumn(error: HarvestColumnError): CommandUsageError {
  const flag = FLAG_OF_OPTION[error.option]!;
  return new CommandUsageError(
    flag.slice(2),
    `--input ${error.file} has no ${JSON.stringify(error.column)} column; its columns are ${error.columnsText}: name the one to use with ${flag} NAME`,
  );
}

/** A re-run of another list, format or shard size into a DEST of shards: what differs, by flag, and the fix. */
function planMismatch(error: HarvestPlanMismatchError): CommandUsageError {
  const flag = FLAG_OF_OPTION[error.field] ?? "--input";
  const shown = (value: unknown) => (flag === "--input" ? "another list" : JSON.stringify(value));
  const what =
    flag === "--input"
      ? `its ${flag} differs (the list was changed since, or is another list)`
      : `it was started with ${flag} ${shown(error.stored)}, this run has ${flag} ${shown(error.given)}`;
  return new CommandUsageError(
    flag.slice(2),
    `--out holds an unfinished or finished download of another plan: ${what}. Run again with the same --input, --format and --shard-size to resume it, or give a new --out.`,
    { cause: error },
  );
}

/**
 * Turns an error of the pipeline or the Petfinder client into the command's words (flags, env
 * variables), by its class and fields; any other error is returned as it is.
 */
export function inFlagLanguage(error: unknown): unknown {
  if (refusedCredentials(error)) {
    return new CommandCredentialsError(
      "Petfinder refused the credentials. Check PETFINDER_CLIENT_ID and PETFINDER_CLIENT_SECRET (or --client-id and --client-secret) " +
        "at https://www.petfinder.com/developers/, or try `cat-harvest --demo`, which needs none.",
      { cause: error },
    );
  }
  const keyed = refusedKey(error);
  if (keyed) {
    return new CommandCredentialsError(
      `${keyed.title} refused the key. Check ${keyed.env} (or --${keyed.flag}); get a key at ${keyed.signup}, or try \`cat-harvest --demo --source ${keyed.name}\`, which needs none.`,
      { cause: error },
    );
  }
  if (HarvestUnknownBreedError.isInstance(error)) return unknownBreeds(error, error.type);
  if (HarvestColumnError.isInstance(error)) return missingColumn(error);
  if (HarvestPlanMismatchError.isInstance(error)) return planMismatch(error);
  const flag = HarvestUsageError.isInstance(error) ? FLAG_OF_OPTION[error.option] : undefined;
  if (flag) return new CommandUsageError(flag.slice(2), `${flag}: ${(error as Error).message}`, { cause: error });
  return error;
}
