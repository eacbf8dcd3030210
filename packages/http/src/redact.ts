const REDACTED = "[redacted]";

/**
 * Replaces secrets in text that came from elsewhere (a server's problem detail) before it
 * goes into an error message or field. Short values are still replaced: a leak of a
 * weak secret is a leak too.
 */
export function createRedactor(secrets: () => readonly (string | undefined)[]) {
  const text = (input: string): string => {
    let out = input;
    for (const secret of secrets()) if (secret) out = out.split(secret).join(REDACTED);
    return out;
  };
  const value = <T>(input: T): T => {
    if (input === undefined) return input;
    try {
      return JSON.parse(text(JSON.stringify(input))) as T;
    } catch {
      return undefined as T;
    }
  };
  return { text, value };
}

export type Redactor = ReturnType<typeof createRedactor>;
