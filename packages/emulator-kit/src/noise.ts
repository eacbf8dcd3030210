import { createPrng } from "./hash.js";

/** 64 KiB of seeded noise, shared by every emulator as the padding that gives each image its own size. */
export const NOISE: Uint8Array = (() => {
  const rand = createPrng(0x6e015e);
  const out = new Uint8Array(65536);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rand() * 256);
  return out;
})();

/** `length` noise bytes (at most 65,535) starting at an offset drawn from `hash`: a view, not a copy. */
export function noiseBytes(hash: number, length: number): Uint8Array {
  const offset = hash % (NOISE.length - length);
  return NOISE.subarray(offset, offset + length);
}
