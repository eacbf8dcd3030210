import { HarvestUnknownBreedError } from "@cat-harvest/harvest";
import { PetfinderAuthError, PetfinderHttpError } from "@cat-harvest/petfinder";
import { describe, expect, test } from "vitest";
import { CommandCredentialsError, CommandUsageError } from "./errors.js";
import { inFlagLanguage } from "./flag-language.js";

describe("inFlagLanguage", () => {
  test("an unknown breed names --breeds, the suggestions and `cat-harvest breeds`", () => {
    const mapped = inFlagLanguage(new HarvestUnknownBreedError("cat", ["Siames"], { Siames: ["Siamese"] }));
    expect(CommandUsageError.isInstance(mapped)).toBe(true);
    expect((mapped as CommandUsageError).option).toBe("breeds");
    expect((mapped as Error).message).toContain('"Siames" (did you mean "Siamese"?)');
    expect((mapped as Error).message).toContain("see `cat-harvest breeds --type cat`");
  });

  test("refused credentials anywhere in the cause chain name the environment variables", () => {
    const refused = new PetfinderAuthError("Petfinder refused the credentials", 401, "https://api.example/v2/oauth2/token");
    const mapped = inFlagLanguage(new Error("wrapped", { cause: refused }));
    expect(CommandCredentialsError.isInstance(mapped)).toBe(true);
    expect((mapped as Error).message).toContain("PETFINDER_CLIENT_ID");
  });

  test("other Petfinder answers are not told as refused credentials", () => {
    const error = new PetfinderHttpError("Petfinder answered 500", 500, "https://api.example/v2/animals");
    expect(inFlagLanguage(error)).toBe(error);
  });

  test("other errors pass through as they are", () => {
    const error = new Error("disk full");
    expect(inFlagLanguage(error)).toBe(error);
  });
});
