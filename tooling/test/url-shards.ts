// A list of URLs as the shard design splits it (row i to shard floor(i / shardSize), lines
// 1-based), for the queue's tests and bench until the shard engine's shardRows is at hand.
export interface UrlShard {
  readonly index: number;
  readonly rows: AsyncIterable<{ url: string; line: number }>;
}

export async function* shardsOf(urls: readonly string[], shardSize: number): AsyncGenerator<UrlShard> {
  for (let index = 0; index * shardSize < urls.length; index++) {
    const slice = urls.slice(index * shardSize, (index + 1) * shardSize);
    yield {
      index,
      rows: (async function* () {
        for (const [i, url] of slice.entries()) yield { url, line: index * shardSize + i + 1 };
      })(),
    };
  }
}
