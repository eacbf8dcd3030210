/**
 * A run's id: the first 16 hex digits of the SHA-256 of its destination, so every enqueue of
 * one DEST (a re-run that re-queues failed shards, say) names the same jobs, and two DESTs never do.
 *
 * @example await runIdOf("s3://bucket/ds") // "3f1c..." (16 hex digits)
 */
export async function runIdOf(dest: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`cat-harvest run:${dest}`));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
