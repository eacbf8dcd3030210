import { HarvestColumnError, HarvestUnknownBreedError, HarvestUsageError } from "@cat-harvest/harvest";
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

  test.each([
    ["urlColumn", "url-column", "url"],
    ["labelColumn", "label-column", "breed"],
  ] as const)("a list without its %s names --%s and the columns the list has", (option, flag, column) => {
    const mapped = inFlagLanguage(new HarvestColumnError("list.csv", 1, option, column, ["id", "link", "\u001b[2Jname"]));
    expect(CommandUsageError.isInstance(mapped)).toBe(true);
    expect((mapped as CommandUsageError).option).toBe(flag);
    const message = (mapped as Error).message;
    expect(message).toContain(`--input list.csv has no "${column}" column; its columns are "id", "link", "\\u001b[2Jname"`);
    expect(message).toContain(`--${flag} NAME`);
  });

  test("a column option a .txt list cannot take names its flag", () => {
    const mapped = inFlagLanguage(new HarvestUsageError("urlColumn", "a .txt list has no columns", { value: "link" }));
    expect((mapped as CommandUsageError).option).toBe("url-column");
    expect((mapped as Error).message).toMatch(/^--url-column: /);
  });

  test("other errors pass through as they are", () => {
    const error = new Error("disk full");
    expect(inFlagLanguage(error)).toBe(error);
  });
});
