import { raceSignal } from "./race-signal.js";
import type { TokenSource } from "./transport.js";

/** A fetched token and when to stop using it. */
export interface IssuedToken {
  readonly value: string;
  /** Seconds the server said the token lives. */
  readonly expiresIn: number;
}

/**
 * Owns the OAuth token: fetched on first use, cached, replaced shortly before it expires or
 * when the server refuses it, with a single request in flight however many calls wait.
 */
export function createTokenManager(
  fetchToken: () => Promise<IssuedToken>,
  now: () => number = () => Date.now(),
): TokenSource & { readonly current: () => string | undefined } {
  let cached: { value: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const refresh = () => {
    pending ??= fetchToken()
      .then((issued) => {
        const lifetime = issued.expiresIn * 1000;
        // Renew a little early (10% of the lifetime, at most a minute) so no call carries a dying token.
        cached = { value: issued.value, refreshAt: now() + lifetime - Math.min(60_000, lifetime * 0.1) };
        return issued.value;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return {
    get(signal) {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.value);
      // The shared request carries no caller's signal: one caller's abort must not fail the others.
      return raceSignal(refresh(), signal);
    },
    invalidate(token) {
      if (cached?.value === token) cached = undefined;
    },
    current: () => cached?.value,
  };
}
