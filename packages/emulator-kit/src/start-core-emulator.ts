import type { CommonEmulatorOptions } from "./common-options.js";
import type { EmulatorRequest, EmulatorResponse } from "./responses.js";
import { serveEmulator } from "./serve.js";
import type { RequestStats, StatsCounter } from "./stats.js";

/** An emulator without sockets: it answers one request at a time and counts what it answered. */
export interface EmulatorCore {
  readonly stats: StatsCounter;
  handle(request: EmulatorRequest): EmulatorResponse;
}

/** A running emulator, as a library hands it out. */
export interface RunningEmulator<Options, Data> {
  /** The origin, without a trailing slash, e.g. "http://127.0.0.1:54321". Images are served under it. */
  readonly url: string;
  /** The API root a client takes as its base URL: `url` plus the API's path (`/v5`, `/v1`). */
  readonly apiUrl: string;
  /** The options in force, defaults filled in. */
  readonly options: Readonly<Options>;
  /** The generated data. */
  readonly dataset: Data;
  /** Request counts so far (what /_emulator/stats serves). */
  stats(): RequestStats;
  /** Closes the server and every open connection, stalled ones included. */
  stop(): Promise<void>;
}

/** What `startCoreEmulator` needs besides the emulator's resolved options. */
export interface CoreEmulatorParts<Data, Core extends EmulatorCore> {
  /** The API's path under the origin, e.g. "/v5". */
  readonly apiPath: string;
  readonly dataset: Data;
  /** Created once the origin (with its port) is known, as emulators put it in their URLs. */
  readonly createCore: (origin: string) => Core;
  /** The error a failed listen rejects with (the emulator's own class). */
  readonly listenError: (cause: Error) => Error;
  /** Image templates to encode in the background when `options.warmUp` is on. */
  readonly warmUpTasks: () => Iterable<() => void>;
  /** Gzip reply bodies for clients that take gzip (see `serveEmulator`). */
  readonly gzipReplies?: boolean;
}

/** Listens with `serveEmulator` and answers with a core: the start of an emulator built as one. */
export async function startCoreEmulator<Options extends Required<CommonEmulatorOptions>, Data, Core extends EmulatorCore>(
  o: Options,
  parts: CoreEmulatorParts<Data, Core>,
): Promise<RunningEmulator<Options, Data>> {
  let core: Core | undefined;
  const served = await serveEmulator(
    { host: o.host, port: o.port, latencyMs: o.latencyMs, stallMs: o.stallMs, listenError: parts.listenError, gzipReplies: parts.gzipReplies ?? false },
    (origin) => {
      const created = parts.createCore(origin);
      core = created;
      return (request) => created.handle(request);
    },
  );
  if (o.warmUp) served.background(parts.warmUpTasks());
  const ready = core!;
  return {
    url: served.url,
    apiUrl: `${served.url}${parts.apiPath}`,
    options: o,
    dataset: parts.dataset,
    stats: () => ready.stats.snapshot(),
    stop: () => served.stop(),
  };
}
