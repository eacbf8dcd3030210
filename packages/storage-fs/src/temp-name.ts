/** Suffix of in-progress files; never a listed object. */
const TEMP_SUFFIX = ".part";
// `.<up to 100 UTF-8 bytes of the name>.<12 hex>.part`; the hex makes a clash with a real key unlikely.
const TEMP_PATTERN = /^\..*\.[0-9a-f]{12}\.part$/s;

// 6 random hex digits per process, then a counter: unique within a process without a random
// draw per put, and unlike another process's names (an open with "wx" refuses a clash anyway).
const PREFIX = Array.from(crypto.getRandomValues(new Uint8Array(3)), (b) => b.toString(16).padStart(2, "0")).join("");
let counter = 0;

/**
 * A temporary name next to `name`, in the same folder so the final rename is atomic.
 * The name is shortened so the temporary name stays under file-name length limits.
 */
export function temporaryName(name: string): string {
  counter = (counter + 1) % 0x1000000;
  const hex = PREFIX + counter.toString(16).padStart(6, "0");
  return `.${truncateUtf8(name, 100)}.${hex}${TEMP_SUFFIX}`;
}

/** The longest start of `text` (whole code points) that fits in `maxBytes` of UTF-8. */
function truncateUtf8(text: string, maxBytes: number): string {
  // A UTF-16 code unit is at most 3 bytes of UTF-8 (a pair of them, 4).
  if (text.length * 3 <= maxBytes) return text;
  let bytes = 0;
  let out = "";
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

/** Whether a file name is one of this adapter's temporary names. */
export function isTemporaryName(name: string): boolean {
  return TEMP_PATTERN.test(name);
}
