import { createRescueGroupsClient, type RescueGroupsClient, type RescueGroupsClientOptions, type RescueGroupsRequestEvent } from "../../src/index.js";
import { startRescueGroupsTestServer, type RescueGroupsTestServer, type RescueGroupsTestServerOptions } from "./v5-server.ts";

export interface ServerRun {
  readonly server: RescueGroupsTestServer;
  /** A client of the server: no ceiling, fast retries, every event recorded in `events`. */
  readonly client: RescueGroupsClient;
  readonly events: RescueGroupsRequestEvent[];
  /** Another client of the same server with these options (events recorded too). */
  readonly clientWith: (options: Partial<RescueGroupsClientOptions>) => RescueGroupsClient;
}

/** Starts a test server, runs `fn` with it and a client, and stops it. */
export async function withServer(options: RescueGroupsTestServerOptions, fn: (run: ServerRun) => Promise<void>): Promise<void> {
  const server = await startRescueGroupsTestServer(options);
  const events: RescueGroupsRequestEvent[] = [];
  const clientWith = (extra: Partial<RescueGroupsClientOptions>) =>
    createRescueGroupsClient({
      apiKey: server.apiKey,
      baseUrl: server.url,
      requestsPerSecond: Infinity,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      onRequest: (event) => events.push(event),
      ...extra,
    });
  try {
    await fn({ server, client: clientWith({}), events, clientWith });
  } finally {
    await server.stop();
  }
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

/** Every string an error exposes: message, stack, fields and its JSON. */
export function everythingSaid(error: unknown): string {
  const e = error as Error & Record<string, unknown>;
  return [String(e), e.stack, JSON.stringify(e), JSON.stringify(Object.entries(e)), JSON.stringify(e.errors ?? null)].join("\n");
}
