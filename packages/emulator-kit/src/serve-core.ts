import type { EmulatorRequest, EmulatorResponse } from "./responses.js";
import { serveEmulator, type ServedEmulator, type ServeOptions } from "./serve.js";

/** An emulator without sockets: it answers one request at a time. */
export interface EmulatorCore {
  handle(request: EmulatorRequest): EmulatorResponse;
}

/**
 * `serveEmulator` for an emulator built as a core: the core is created once the origin (with its
 * port) is known, since emulators put it in the URLs they list, and handed back with the server.
 */
export async function serveCore<C extends EmulatorCore>(
  options: ServeOptions,
  createCore: (origin: string) => C,
): Promise<{ served: ServedEmulator; core: C }> {
  let core: C | undefined;
  const served = await serveEmulator(options, (origin) => {
    const created = createCore(origin);
    core = created;
    return (request) => created.handle(request);
  });
  return { served, core: core! };
}
