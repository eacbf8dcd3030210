/** The error and its `cause`s, outermost first (bounded, in case of a cycle). */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current !== undefined && chain.length < 10) {
    chain.push(current);
    current = typeof current === "object" && current !== null ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}
