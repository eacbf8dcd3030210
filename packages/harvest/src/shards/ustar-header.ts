const BLOCK = 512;
const encoder = new TextEncoder();

function writeText(block: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = encoder.encode(text);
  if (bytes.byteLength > length) throw new RangeError(`tar header: ${JSON.stringify(text)} is longer than its ${length}-byte field`);
  block.set(bytes, offset);
}

/** An octal number in `length - 1` digits and a NUL, as ustar writes it. */
function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  writeText(block, offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
}

/**
 * The ustar header block of a regular file with fixed fields: mode 0644, uid/gid 0, mtime 0,
 * no user or group names, so a name and size always give the same 512 bytes. Names up to 100
 * bytes (a shard's members are keys of a few dozen characters); sizes up to 8 GiB.
 */
export function ustarHeader(name: string, size: number): Uint8Array {
  if (!(Number.isSafeInteger(size) && size >= 0 && size < 8 ** 11)) throw new RangeError(`tar header: size ${size} of ${name} does not fit ustar`);
  const block = new Uint8Array(BLOCK);
  writeText(block, 0, 100, name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, 0);
  block.fill(0x20, 148, 156); // the checksum counts its own field as spaces
  block[156] = 0x30; // "0": a regular file
  writeText(block, 257, 6, "ustar\0");
  writeText(block, 263, 2, "00");
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i]!;
  writeText(block, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return block;
}
