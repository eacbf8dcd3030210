const REDACTED = "[redacted]";

/**
 * Replaces secrets in text that came from elsewhere (a server's problem detail) before it
 * goes into an error message or field. Short values are still replaced: a leak of a
 * weak secret is a leak too. Each secret is also replaced in the forms a server echoing a
 * request back would use: URL-encoded (`encodeURIComponent`), form-encoded (`URLSearchParams`,
 * a space as `+`), either with lower-case hex escapes, and, inside `value`, JSON-escaped.
 */
export function createRedactor(secrets: () => readonly (string | undefined)[]) {
  const replaceAll = (input: string, forms: readonly string[]): string => {
    let out = input;
    for (const form of forms) out = out.split(form).join(REDACTED);
    return out;
  };
  const text = (input: string): string => replaceAll(input, secretForms(secrets()));
  const value = <T>(input: T): T => {
    if (input === undefined) return input;
    try {
      const json = JSON.stringify(input);
      const forms = secretForms(secrets()).map((form) => JSON.stringify(form).slice(1, -1));
      return JSON.parse(replaceAll(json, forms)) as T;
    } catch {
      return undefined as T;
    }
  };
  return { text, value };
}

export type Redactor = ReturnType<typeof createRedactor>;

/** Every form of every secret, longest first, so no form is left half replaced by a shorter one. */
function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    const encoded = encodeURIComponent(secret);
    const formEncoded = new URLSearchParams([["", secret]]).toString().slice(1);
    for (const form of [secret, encoded, formEncoded]) {
      forms.add(form);
      forms.add(form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
