import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { createDataset, type Dataset } from "./dataset.js";
import { type CoreResponse, EmulatorCore, isControlPath } from "./emulator-core.js";
import { EmulatorListenError } from "./errors.js";
import { type EmulatorOptions, type ResolvedEmulatorOptions, resolveEmulatorOptions } from "./options.js";
import type { EmulatorStats } from "./stats.js";
import { TEMPLATE_COUNT, isTemplateReady, templateJpeg } from "./jpeg-templates.js";
import { PHOTO_SIZES } from "./photo-sizes.js";

/** A running emulator. */
export interface Emulator {
  /** The API root without /v2 and without a trailing slash, e.g. "http://127.0.0.1:54321". */
  readonly url: string;
  /** The options in force, defaults filled in. */
  readonly options: Readonly<ResolvedEmulatorOptions>;
  /** The generated data set (compact columns; see the data helpers). */
  readonly dataset: Dataset;
  /** Request counts so far (what /_emulator/stats serves). */
  stats(): EmulatorStats;
  /** Closes the server and every open connection, stalled ones included. */
  stop(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Starts the emulator on `host:port` and resolves once it listens.
 * @example
 * const emulator = await startEmulator({ seed: 1, scale: 0.05 });
 * const res = await fetch(`${emulator.url}/v2/oauth2/token`, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }) });
 * await emulator.stop();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const o = resolveEmulatorOptions(options);
  const dataset = createDataset(o.seed, o.scale);
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let core: EmulatorCore | undefined;
  let stopping = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ type: "https://httpstatus.es/500", status: 500, title: "error", detail: String((error as Error)?.message ?? error) }));
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 10_000;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const method = req.method ?? "GET";
    const body = method === "POST" || method === "PUT" ? await readBody(req) : "";
    if (!core) {
      res.writeHead(503).end();
      return;
    }
    if (o.latencyMs > 0 && !isControlPath(url)) await delay(o.latencyMs);
    if (stopping) {
      res.destroy();
      return;
    }
    const out = core.handle({
      method,
      url,
      authorization: req.headers.authorization,
      contentType: req.headers["content-type"],
      body,
    });
    await send(out, res);
  }

  async function send(out: CoreResponse, res: ServerResponse): Promise<void> {
    switch (out.kind) {
      case "reset": {
        const socket = res.socket;
        if (socket && typeof (socket as Socket & { resetAndDestroy?: () => void }).resetAndDestroy === "function") {
          (socket as Socket & { resetAndDestroy: () => void }).resetAndDestroy();
        } else {
          socket?.destroy();
        }
        return;
      }
      case "lines": {
        res.writeHead(200, out.headers);
        let buffer = "";
        for (const line of out.lines) {
          if (res.destroyed) return;
          buffer += line;
          if (buffer.length >= 65536) {
            const ok = res.write(buffer);
            buffer = "";
            if (!ok)
              await new Promise<void>((resolve) => {
                const done = () => {
                  res.off("drain", done);
                  res.off("close", done);
                  resolve();
                };
                res.on("drain", done);
                res.on("close", done);
              });
          }
        }
        res.end(buffer);
        return;
      }
      case "reply": {
        const bytes = Buffer.from(out.reply.body);
        res.writeHead(out.reply.status, { ...out.reply.headers, "content-length": String(bytes.length) });
        if (out.wireFault) return misbehave(res, [bytes], bytes.length, out.wireFault);
        res.end(bytes);
        return;
      }
      case "photo": {
        const { prefix, segment, padding, suffix, length } = out.parts;
        res.writeHead(200, { ...out.headers, "content-length": String(length) });
        if (out.head) {
          res.end();
          return;
        }
        if (out.wireFault) return misbehave(res, [prefix, segment, padding, suffix], length, out.wireFault);
        res.cork();
        res.write(prefix);
        res.write(segment);
        res.write(padding);
        res.end(suffix);
        return;
      }
    }
  }

  /** Sends part of a body that promised `length` bytes, then closes (cut-short) or goes quiet (stall). */
  async function misbehave(res: ServerResponse, parts: Uint8Array[], length: number, fault: "cut-short" | "stall"): Promise<void> {
    const half = Math.max(1, Math.floor(length / 2));
    const all = Buffer.concat(parts);
    res.write(all.subarray(0, Math.min(half, all.length - 1)));
    if (fault === "stall") {
      await delay(o.stallMs);
    } else {
      // Let the partial body reach the client before the connection drops.
      await delay(20);
    }
    res.socket?.destroy();
    res.destroy();
  }

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(new EmulatorListenError(o.host, o.port, { cause: error }));
    server.once("error", onError);
    server.listen(o.port, o.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : o.port;
  const url = `http://${hostForUrl(o.host)}:${port}`;
  core = new EmulatorCore(dataset, url, o);
  const readyCore = core;
  if (o.warmUp) {
    // One template per turn of the event loop, so requests interleave with the warm-up.
    const pending = PHOTO_SIZES.flatMap((size) => Array.from({ length: TEMPLATE_COUNT }, (_, k) => [k, size] as const));
    const schedule = () => {
      const t = setTimeout(() => {
        timers.delete(t);
        const next = pending.shift();
        if (!next || stopping) return;
        if (!isTemplateReady(next[0], next[1])) templateJpeg(next[0], next[1]);
        schedule();
      }, 0);
      timers.add(t);
    };
    schedule();
  }

  let stopped: Promise<void> | undefined;
  return {
    url,
    options: o,
    dataset,
    stats: () => readyCore.stats.snapshot(),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        stopping = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      });
      return stopped;
    },
  };
}
