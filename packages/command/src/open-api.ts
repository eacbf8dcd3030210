import { createPetfinderClient, type PetfinderClient } from "@cat-harvest/petfinder";
import type { CommandIO } from "./command-io.js";
import { CommandCredentialsError } from "./errors.js";
import type { ApiFlags } from "./parse-command-line.js";

/** Emulator scale `--demo` uses: about 600 records, done in seconds. */
export const DEMO_SCALE = 0.02;

/** The seed every demo emulator starts at, so a merged demo's emulators cross-post the same photos. */
export const DEMO_SEED = 1;

/** A Petfinder client and what to stop after the run (the demo's emulator). */
export interface ApiSession {
  readonly client: PetfinderClient;
  stop(): Promise<void>;
}

/**
 * The client for --demo (the bundled emulator on a free loopback port, loaded only then; with
 * several sources it cross-posts photos with the others, as listings on several sites do) or for
 * the real API, whose credentials come from the flags or PETFINDER_CLIENT_ID/_SECRET.
 */
export async function openApi(flags: ApiFlags, io: CommandIO, scale = DEMO_SCALE): Promise<ApiSession> {
  if (flags.demo) {
    const { startEmulator } = await import("@cat-harvest/petfinder-emulator");
    const crossPosts = flags.sources.length > 1;
    const emulator = await startEmulator({ seed: DEMO_SEED, scale, crossPosts, host: "127.0.0.1", port: 0, clientId: "demo", clientSecret: "demo" });
    io.stderr(`Demo: the bundled Petfinder emulator is serving at ${emulator.url} (scale ${scale}); no account or network needed.`);
    const client = createPetfinderClient({ clientId: "demo", clientSecret: "demo", baseUrl: emulator.url });
    return { client, stop: () => emulator.stop() };
  }
  const clientId = flags.clientId ?? io.env.PETFINDER_CLIENT_ID;
  const clientSecret = flags.clientSecret ?? io.env.PETFINDER_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    const missing = [!clientId && "PETFINDER_CLIENT_ID", !clientSecret && "PETFINDER_CLIENT_SECRET"].filter(Boolean).join(" and ");
    throw new CommandCredentialsError(
      `No Petfinder credentials: set ${missing} (or pass --client-id and --client-secret). ` +
        `No account? \`${io.programName ?? "cat-harvest"} --demo\` harvests from the bundled emulator with none.`,
    );
  }
  const client = createPetfinderClient({ clientId, clientSecret, ...(flags.apiUrl ? { baseUrl: flags.apiUrl } : {}) });
  return { client, stop: async () => {} };
}
