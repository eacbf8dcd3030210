import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { isControlPath } from "./control-routes.js";
import type { WireFault } from "./faults.js";
import type { EmulatorRequest, EmulatorResponse } from "./responses.js";

/** How the socket layer listens and misbehaves. */
export interface ServeOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Delay before every response except /_emulator ones, in milliseconds. */
  readonly latencyMs: number;
  /** How long a "stall" fault holds a half-sent body before closing, in milliseconds. */
  readonly stallMs: number;
  /** The error a failed listen rejects with (the emulator's own class). */
  readonly listenError: (cause: Error) => Error;
  /**
   * Gzip reply bodies (not images or JSON lines) for requests whose `Accept-Encoding` takes gzip,
   * as APIs behind a compressing front end answer.
   * @default false
   */
  readonly gzipReplies?: boolean;
}

/** A listening socket layer. */
export interface ServedEmulator {
  /** `http://HOST:PORT`, without a trailing slash. */
  readonly url: string;
  /** Runs `tasks` one per turn of the event loop (a warm-up that lets requests interleave); stops with the server. */
  background(tasks: Iterable<() => void>): void;
  /** Closes the server and every connection, stalled ones included; resolves when closed. */
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

/** The host as it goes in a URL: a wildcard address becomes 127.0.0.1, an IPv6 one gets brackets. */
export function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Listens on `host:port` and answers each request with what `createHandler(origin)` returns,
 * carrying out latency and wire faults (resets, bodies cut short, stalls). The handler is
 * created once the origin (with its port) is known, as emulators put it in their URLs.
 */
export async function serveEmulator(
  options: ServeOptions,
  createHandler: (origin: string) => (request: EmulatorRequest) => EmulatorResponse,
): Promise<ServedEmulator> {
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let handler: ((request: EmulatorRequest) => EmulatorResponse) | undefined;
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
    if (!handler) {
      res.writeHead(503).end();
      return;
    }
    if (options.latencyMs > 0 && !isControlPath(url)) await delay(options.latencyMs);
    if (stopping) {
      res.destroy();
      return;
    }
    await send(handler({ method, url, headers: req.headers, body }), res, options.gzipReplies === true && acceptsGzip(req));
  }

  async function send(out: EmulatorResponse, res: ServerResponse, gzip: boolean): Promise<void> {
    switch (out.kind) {
      case "reset": {
        const socket = res.socket as (Socket & { resetAndDestroy?: () => void }) | null;
        if (socket && typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
        else socket?.destroy();
        return;
      }
      case "lines":
        return sendLines(out.headers, out.lines, res);
      case "reply": {
        const bytes = gzip ? gzipSync(out.reply.body) : Buffer.from(out.reply.body);
        const encoding = gzip ? { "content-encoding": "gzip", vary: "accept-encoding" } : {};
        res.writeHead(out.reply.status, { ...out.reply.headers, ...encoding, "content-length": String(bytes.length) });
        if (out.wireFault) return misbehave(res, [bytes], bytes.length, out.wireFault);
        res.end(bytes);
        return;
      }
      case "image": {
        const { chunks, length } = out.parts;
        res.writeHead(200, { ...out.headers, "content-length": String(length) });
        if (out.head) {
          res.end();
          return;
        }
        if (out.wireFault) return misbehave(res, chunks, length, out.wireFault);
        res.cork();
        chunks.forEach((chunk, i) => (i === chunks.length - 1 ? res.end(chunk) : res.write(chunk)));
        return;
      }
    }
  }

  /** Writes lines in 64 KiB batches, waiting for the socket to drain. */
  async function sendLines(headers: Record<string, string>, lines: Iterable<string>, res: ServerResponse): Promise<void> {
    res.writeHead(200, headers);
    let buffer = "";
    for (const line of lines) {
      if (res.destroyed) return;
      buffer += line;
      if (buffer.length >= 65536) {
        const ok = res.write(buffer);
        buffer = "";
        if (!ok) await drained(res);
      }
    }
    res.end(buffer);
  }

  /** Sends part of a body that promised `length` bytes, then closes (cut-short) or goes quiet (stall). */
  async function misbehave(res: ServerResponse, parts: readonly Uint8Array[], length: number, fault: WireFault): Promise<void> {
    const half = Math.max(1, Math.floor(length / 2));
    const all = Buffer.concat(parts);
    res.write(all.subarray(0, Math.min(half, all.length - 1)));
    // A stall holds for stallMs; a cut lets the partial body reach the client before the connection drops.
    await delay(fault === "stall" ? options.stallMs : 20);
    res.socket?.destroy();
    res.destroy();
  }

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(options.listenError(error));
    server.once("error", onError);
    server.listen(options.port, options.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${hostForUrl(options.host)}:${port}`;
  handler = createHandler(url);

  let stopped: Promise<void> | undefined;
  return {
    url,
    background(tasks) {
      const pending = tasks[Symbol.iterator]();
      const schedule = () => {
        const t = setTimeout(() => {
          timers.delete(t);
          const next = pending.next();
          if (next.done || stopping) return;
          next.value();
          schedule();
        }, 0);
        timers.add(t);
      };
      schedule();
    },
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

/** Whether a request's `Accept-Encoding` lists gzip (without `q=0`). */
function acceptsGzip(req: IncomingMessage): boolean {
  return String(req.headers["accept-encoding"] ?? "")
    .split(",")
    .some((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(";");
      return (coding === "gzip" || coding === "*") && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
    });
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
