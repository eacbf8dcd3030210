/** A truth line as `expectedCrossPosts` reads it: every emulator's truth lines have these keys. */
export interface CrossPostTruthLine {
  readonly url: string;
  readonly sha256: string;
  /** The pool id, on the lines of a cross-posted photo only. */
  readonly cross_post?: string;
}

/** One cross-posted photo as the truths of several emulators list it. */
export interface ExpectedCrossPost {
  /** The pool id. */
  readonly id: string;
  readonly sha256: string;
  /** Every URL serving it, with the source whose truth lists it, in the order given. */
  readonly copies: ReadonlyArray<{ readonly source: string; readonly url: string }>;
  /** The sources listing it, each once. */
  readonly sources: readonly string[];
}

/**
 * Groups the cross-posted lines of several emulators' truths (keyed by source name) by pool id,
 * sorted by id: what a merged harvest should store once. A harvest that stores each group's
 * photo once drops `copies.length - 1` files per group. Throws when one pool id names two
 * different sha256, which no emulator serves.
 *
 * @example
 * const groups = expectedCrossPosts({ petfinder: await readTruthLines(pf, "?size=full"), thecatapi: await readTruth(cat) });
 * const dropped = groups.reduce((n, g) => n + g.copies.length - 1, 0);
 */
export function expectedCrossPosts(truths: Readonly<Record<string, readonly CrossPostTruthLine[]>>): ExpectedCrossPost[] {
  const groups = new Map<string, { id: string; sha256: string; copies: { source: string; url: string }[] }>();
  for (const [source, lines] of Object.entries(truths)) {
    for (const line of lines) {
      if (line.cross_post === undefined) continue;
      let group = groups.get(line.cross_post);
      if (!group) {
        group = { id: line.cross_post, sha256: line.sha256, copies: [] };
        groups.set(line.cross_post, group);
      }
      if (group.sha256 !== line.sha256) {
        throw new Error(`expectedCrossPosts: cross post ${line.cross_post} has two sha256: ${group.sha256} and ${line.sha256} (${source} ${line.url})`);
      }
      group.copies.push({ source, url: line.url });
    }
  }
  return [...groups.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((g) => ({ ...g, sources: [...new Set(g.copies.map((c) => c.source))] }));
}
