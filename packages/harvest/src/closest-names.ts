/** Edit distance (insert, delete, substitute), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[t.length]!;
}

/**
 * The known names closest to `name`, best first: names that contain it (or that it
 * contains) rank first, then names within an edit distance of about a third of its length.
 *
 * @example closestNames("siames", ["Siamese", "Applehead Siamese", "Bengal"]) // ["Siamese", "Applehead Siamese"]
 */
export function closestNames(name: string, known: readonly string[], limit = 3): string[] {
  const wanted = name.trim().toLowerCase();
  const limitDistance = Math.max(2, Math.ceil(wanted.length / 3));
  const scored: Array<{ name: string; score: number }> = [];
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(wanted, lower);
    if (distance <= limitDistance) scored.push({ name: candidate, score: distance });
    else if (wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower))) scored.push({ name: candidate, score: limitDistance + 1 });
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}
