/** The entries crash-child.ts writes, shared with crash.test.ts. */
export const keyOf = (i: number): string => `Breed ${i % 5}/${i}-1.jpg`;
/** Entry #20 is the one the "stall" run stops in: large enough to span gzip members. */
export const sizeOf = (i: number): number => (i === 20 ? 150_000 : 20_000 + i * 1_009);
