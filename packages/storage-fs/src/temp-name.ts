/** Suffix of in-progress files; never a listed object. */
const TEMP_SUFFIX = ".part";
// `.<up to 64 chars of the name>.<12 hex>.part`; the hex makes a clash with a real key unlikely.
const TEMP_PATTERN = /^\..*\.[0-9a-f]{12}\.part$/s;

/**
 * A temporary name next to `name`, in the same folder so the final rename is atomic.
 * The name is shortened so the temporary name stays under file-name length limits.
 */
export function temporaryName(name: string): string {
  const random = new Uint8Array(6);
  crypto.getRandomValues(random);
  const hex = Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("");
  return `.${Array.from(name).slice(0, 64).join("")}.${hex}${TEMP_SUFFIX}`;
}

/** Whether a file name is one of this adapter's temporary names. */
export function isTemporaryName(name: string): boolean {
  return TEMP_PATTERN.test(name);
}
