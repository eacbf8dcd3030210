/** A fixed 256-colour palette: a 6x6x6 colour cube, then 40 greys. RGB triples, 768 bytes. */
export const PALETTE: Uint8Array = (() => {
  const out = new Uint8Array(768);
  let i = 0;
  for (let r = 0; r < 6; r++) for (let g = 0; g < 6; g++) for (let b = 0; b < 6; b++) out.set([r * 51, g * 51, b * 51], 3 * i++);
  for (let k = 0; i < 256; k++) out.set([k * 6 + 8, k * 6 + 8, k * 6 + 8], 3 * i++);
  return out;
})();

/** RGBA pixels as indexes into `PALETTE` (nearest cube colour; alpha ignored). */
export function toPaletteIndexes(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const level = (v: number) => Math.min(5, Math.max(0, Math.round(v / 51)));
  for (let p = 0; p < out.length; p++) out[p] = level(rgba[p * 4]!) * 36 + level(rgba[p * 4 + 1]!) * 6 + level(rgba[p * 4 + 2]!);
  return out;
}
