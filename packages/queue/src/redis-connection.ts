import { publicUrl } from "@cat-harvest/http";
import { QueueConnectionError } from "./errors.js";

/** Where Redis is and how to log in: what BullMQ's `connection` option takes. */
export interface RedisConnection {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  /** Set for `rediss://`: TLS with the host name checked. */
  readonly tls?: { readonly servername: string };
}

/** The port Redis listens on unless the URL names another. */
export const DEFAULT_REDIS_PORT = 6379;

/** What `redisConnection` takes beside the URL. */
export interface RedisConnectionOptions {
  /** The password when the URL has none (say, from a secret the platform mounts). The URL's own password wins. */
  readonly password?: string;
}

/**
 * Reads `redis://[[user]:password@]host[:port][/db]` (or `rediss://` for TLS) into a
 * connection. Throws `QueueConnectionError` for anything else, quoting the URL without its
 * credentials.
 *
 * @example redisConnection("redis://:s3cret@redis.internal:6379/2") // { host: "redis.internal", port: 6379, db: 2, password: "s3cret" }
 */
export function redisConnection(url: string, options: RedisConnectionOptions = {}): RedisConnection {
  const parsed = parseRedisUrl(url);
  const db = parsed.pathname === "" || parsed.pathname === "/" ? 0 : Number(parsed.pathname.slice(1));
  if (!Number.isInteger(db) || db < 0)
    throw new QueueConnectionError(publicUrl(url), "names no database number after the host; write /0 or leave the path off");
  const password = parsed.password ? decodeURIComponent(parsed.password) : options.password;
  const username = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    host,
    port: parsed.port ? Number(parsed.port) : DEFAULT_REDIS_PORT,
    db,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(parsed.protocol === "rediss:" ? { tls: { servername: host } } : {}),
  };
}

/** The connection as a URL fit for messages and logs: no user name, no password. */
export function describeRedis(connection: RedisConnection): string {
  const host = connection.host.includes(":") ? `[${connection.host}]` : connection.host;
  return `${connection.tls ? "rediss" : "redis"}://${host}:${connection.port}/${connection.db}`;
}

function parseRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new QueueConnectionError(publicUrl(url), "is not a URL; write it as redis://host:6379 (rediss:// for TLS)", { cause: error });
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new QueueConnectionError(publicUrl(url), `starts with ${parsed.protocol}//; write it as redis://host:6379 (rediss:// for TLS)`);
  }
  if (!parsed.hostname) throw new QueueConnectionError(publicUrl(url), "names no host; write it as redis://host:6379");
  if (parsed.search || parsed.hash) throw new QueueConnectionError(publicUrl(url), "has a query or fragment, which are not read; leave them off");
  return parsed;
}
