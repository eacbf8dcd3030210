/** What the bench reads of a running redis-server through `redis-cli` (the tooling's `TestRedis.cli`). */
export interface RedisProbe {
  cli(...args: string[]): string;
}

/** One field of `INFO <section>` as a number (`used_memory`, `process_id`...). */
export function redisInfoNumber(redis: RedisProbe, section: string, field: string): number {
  const match = new RegExp(`^${field}:(\\d+)`, "m").exec(redis.cli("info", section));
  if (!match) throw new Error(`redis INFO ${section} has no ${field}`);
  return Number(match[1]);
}
