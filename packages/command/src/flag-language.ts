import { HarvestError, HarvestUnknownBreedError } from "@cat-harvest/harvest";
import { PetfinderAuthError } from "@cat-harvest/petfinder";
import { CommandCredentialsError, CommandUsageError } from "./errors.js";

/** The flag that sets each pipeline option. */
export const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  breeds: "--breeds",
  cap: "--cap",
  concurrency: "--concurrency",
  input: "--input",
  perBreed: "--per-breed",
  size: "--size",
  storage: "--out",
  type: "--type",
};

/** A PetfinderAuthError (401/403) anywhere in the cause chain: the pipeline may wrap it. */
function refusedCredentials(error: unknown): boolean {
  for (let e = error, depth = 0; e !== undefined && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    // The status check keeps this exact while petfinder's isInstance is still its base's.
    if (PetfinderAuthError.isInstance(e) && "status" in e && (e.status === 401 || e.status === 403)) return true;
  }
  return false;
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

/**
 * Turns an error of the pipeline or the Petfinder client into the command's words (flags, env
 * variables), by its class and fields; any other error is returned as it is.
 */
export function inFlagLanguage(error: unknown, context: { readonly type?: string } = {}): unknown {
  if (refusedCredentials(error)) {
    return new CommandCredentialsError(
      "Petfinder refused the credentials. Check PETFINDER_CLIENT_ID and PETFINDER_CLIENT_SECRET (or --client-id and --client-secret) " +
        "at https://www.petfinder.com/developers/, or try `cat-harvest --demo`, which needs none.",
      { cause: error },
    );
  }
  if (HarvestUnknownBreedError.isInstance(error) && "unknown" in error) return unknownBreeds(error as HarvestUnknownBreedError, context.type ?? "cat");
  const option = HarvestError.isInstance(error) ? (error as { option?: unknown }).option : undefined;
  if (typeof option === "string" && FLAG_OF_OPTION[option]) {
    return new CommandUsageError(FLAG_OF_OPTION[option]!.slice(2), `${FLAG_OF_OPTION[option]}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return error;
}
