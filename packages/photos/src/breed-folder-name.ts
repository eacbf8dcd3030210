import { sha256 } from "@noble/hashes/sha2.js";

/** Longest folder name `breedFolderName` returns, in UTF-8 bytes (well under the 255 of common file systems). */
export const BREED_FOLDER_MAX_BYTES = 100;

/** Separates a sanitised name from its hash suffix; never part of a name kept as is. */
export const BREED_FOLDER_HASH_MARK = "~";

const HASH_LENGTH = 10;
// Crockford base32, lower case: no i, l, o, u; safe on case-insensitive file systems.
const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";
// Characters legal in a folder name on Windows, macOS and Linux alike (no separators, wildcards or controls).
const UNSAFE_CHARS = /[^\p{L}\p{M}\p{N}_\-.()',&+]/gu;
const SAFE_NAME = /^[\p{L}\p{M}\p{N}_\-.()',&+]+$/u;
// Windows device names, also with an extension (CON.txt) and the superscript-digit ports.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)$/i;
const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

function isReserved(name: string): boolean {
  const stem = name.split(".")[0]!.replace(/[ .]+$/, "");
  return RESERVED.test(stem);
}

// The write-up's rule: " / " became "__" (spaces to "_", "/" dropped), other spaces "_".
function writeUpForm(name: string): string {
  return name.replaceAll(" / ", "__").replaceAll(" ", "_");
}

function fromWriteUpForm(folder: string): string {
  return folder.replaceAll("__", " / ").replaceAll("_", " ");
}

function isSafeFolder(folder: string): boolean {
  return (
    SAFE_NAME.test(folder) &&
    // No outer "_" (outer spaces in the name) and no leading "." or "-" (hidden files, command options).
    !/^[._-]|[._]$/.test(folder) &&
    !isReserved(folder) &&
    utf8Length(folder) <= BREED_FOLDER_MAX_BYTES
  );
}

// Hashes the UTF-16 code units, not UTF-8: lone surrogates would all encode to U+FFFD.
function nameHash(name: string): string {
  const units = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    units[i * 2] = unit & 0xff;
    units[i * 2 + 1] = unit >>> 8;
  }
  const digest = sha256(units);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < HASH_LENGTH) {
      bits -= 5;
      out += BASE32[(value >>> bits) & 31];
    }
    value &= (1 << bits) - 1;
    if (out.length === HASH_LENGTH) break;
  }
  return out;
}

// UTF-8 length of one code point (lone surrogates never reach here: they were replaced).
function charBytes(char: string): number {
  const code = char.codePointAt(0)!;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = "";
  for (const char of text) {
    const size = charBytes(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    out += char;
  }
  return out;
}

/**
 * Turns a breed name into a folder name that is safe, stable and readable on every OS, and
 * a pure function of the name, so every run and every package agree.
 *
 * A name is kept in the 2018 write-up's form (spaces to `_`, ` / ` to `__`) when that form is
 * safe and turns back into exactly this name: "Domestic Short Hair" -> "Domestic_Short_Hair",
 * "Sphynx / Hairless Cat" -> "Sphynx__Hairless_Cat". Any other name (a separator, `..`,
 * `_` or `~` in the name, control or unusual characters, an empty name, a Windows device name
 * such as CON or LPT1, a leading dot or dash, outer spaces, a trailing dot, non-NFC Unicode,
 * more than `BREED_FOLDER_MAX_BYTES` bytes) is sanitised and gets `~` plus 10 characters of the SHA-256 of the name:
 * "Tabby/Tiger" -> "Tabby_Tiger~xxxxxxxxxx". Kept forms never contain `~`, and each kept form
 * turns back into one name, so two different names never share a folder (hashed ones could
 * only meet through a 50-bit hash collision).
 *
 * Not covered: names that differ only in letter case ("Bengal", "bengal") keep folders that
 * differ only in case, which share one folder on case-insensitive file systems.
 *
 * @example
 * breedFolderName("Extra-Toes Cat / Hemingway Polydactyl"); // "Extra-Toes_Cat__Hemingway_Polydactyl"
 */
export function breedFolderName(breed: string): string {
  if (typeof breed !== "string") throw new TypeError(`Making a breed folder name failed: expected a string, got ${breed === null ? "null" : typeof breed}`);
  const plain = writeUpForm(breed);
  if (breed === breed.normalize("NFC") && fromWriteUpForm(plain) === breed && isSafeFolder(plain)) return plain;

  const suffix = `${BREED_FOLDER_HASH_MARK}${nameHash(breed)}`;
  // Only the head of a long name can show; the hash covers all of it.
  let base = writeUpForm(breed.slice(0, 4 * BREED_FOLDER_MAX_BYTES).normalize("NFC"))
    .replace(UNSAFE_CHARS, "_")
    .replace(/_{3,}/g, "__")
    .replace(/^[.\-_]+/, "");
  // One byte kept back for the "_" that defuses a device name such as "CON.x~...".
  base = truncateUtf8(base, BREED_FOLDER_MAX_BYTES - 1 - utf8Length(suffix)).replace(/[._]+$/, "");
  if (base === "") base = "breed";
  const folder = `${base}${suffix}`;
  return isReserved(folder) ? `_${folder}` : folder;
}
