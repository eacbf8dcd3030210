import { publicUrl } from "@cat-harvest/http";
import { QueueSecretError } from "./errors.js";
import type { ShardJobSettings } from "./shard-job-data.js";

// Setting names that say they hold a credential.
// Shorter known secrets (an emulator's "demo" client id) are not searched for: they would
// match ordinary words in paths, and a real credential is longer.
const MIN_SECRET_CHARS = 8;
const SECRET_NAME = /passw(or)?d|secret|token|credential|api[-_]?key|access[-_]?key|^auth/i;

/**
 * Refuses settings that would put a credential into Redis: a name like `password` or
 * `apiKey`, a URL with a user name or password (or a secret query parameter), or any value
 * containing one of `secrets` (the credentials the caller holds: API keys, AWS keys, the
 * Redis password; those of 8 characters or more). Throws `QueueSecretError` naming the setting, never its value.
 */
export function checkJobSettings(settings: ShardJobSettings, secrets: readonly string[] = []): void {
  const known = secrets.filter((s) => s.length >= MIN_SECRET_CHARS);
  for (const [name, value] of Object.entries(settings)) {
    if (SECRET_NAME.test(name)) throw new QueueSecretError(name, "is named like a credential");
    if (typeof value !== "string") continue;
    if (publicUrl(value) !== value) throw new QueueSecretError(name, "holds a URL with a user name, a password or a secret query parameter");
    if (known.some((secret) => value.includes(secret))) throw new QueueSecretError(name, "contains one of the credentials this process holds");
  }
}
