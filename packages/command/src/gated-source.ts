import type { PhotoSource } from "@cat-harvest/photos";
import type { KeyedSourceSpec } from "./keyed-sources.js";
import type { loadQueue } from "./load-queue.js";
import type { QueueSettings } from "./queue-connection.js";

/** A source opened for a harvest run as jobs, and how to let go of its ceiling's Redis connection. */
export interface GatedSource {
  readonly source: PhotoSource;
  close(): Promise<void>;
}

/**
 * Opens a keyed source with this process's own key, every request of which takes the next slot
 * of the source's ceiling shared in Redis by every process of the run's queue (the source's
 * documented polite rate, its client's default), so all workers together ask as one process would.
 */
export async function openGatedSource(
  queue: Awaited<ReturnType<typeof loadQueue>>,
  settings: QueueSettings,
  spec: KeyedSourceSpec,
  apiKey: string,
  apiRoot: string | undefined,
): Promise<GatedSource> {
  const gate = queue.openSourceGate(settings.connection, settings.queueName ?? queue.DEFAULT_QUEUE_NAME, spec.name, await spec.requestsPerSecond());
  try {
    const source = await spec.open(
      apiKey,
      apiRoot,
      undefined,
      gate.wrap((input, init) => globalThis.fetch(input, init)),
    );
    return { source, close: () => gate.close() };
  } catch (error) {
    await gate.close();
    throw error;
  }
}
