/** Reads a JPEG's segment list: frame size and where COM segments are (test helper). */
export function inspectJpeg(bytes: Uint8Array): { width: number; height: number; comments: Array<[number, number]>; endsWithEoi: boolean } {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error("no SOI marker");
  let width = -1;
  let height = -1;
  const comments: Array<[number, number]> = [];
  let o = 2;
  let inScan = false;
  while (o < bytes.length - 1) {
    if (bytes[o] !== 0xff) {
      // Entropy-coded data: jump to the next 0xFF.
      const next = bytes.indexOf(0xff, o);
      if (next < 0) break;
      o = next;
      continue;
    }
    const marker = bytes[o + 1]!;
    if (inScan && (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7))) {
      o += 2;
      continue;
    }
    if (marker === 0xd9) break;
    const length = (bytes[o + 2]! << 8) | bytes[o + 3]!;
    if (marker === 0xc0) {
      height = (bytes[o + 5]! << 8) | bytes[o + 6]!;
      width = (bytes[o + 7]! << 8) | bytes[o + 8]!;
    }
    if (marker === 0xfe) comments.push([o, o + 2 + length]);
    inScan = marker === 0xda;
    o += 2 + length;
  }
  return { width, height, comments, endsWithEoi: bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9 };
}

/** The bytes without their COM segments: what a decoder draws from. */
export function withoutComments(bytes: Uint8Array): Uint8Array {
  const { comments } = inspectJpeg(bytes);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const [start, end] of comments) {
    parts.push(bytes.subarray(at, start));
    at = end;
  }
  parts.push(bytes.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}
