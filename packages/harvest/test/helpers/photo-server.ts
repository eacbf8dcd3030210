import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { makeJpeg, makePng } from "../../../downloader/test/helpers/images.js";

/** A local photo server: `/<n>.png` is a PNG n pixels wide, `/<n>.jpg` a JPEG of seed n, `/copy/<n>.png` the same bytes as `/<n>.png`, `/0.*` a 404. */
export interface PhotoServer {
  readonly base: string;
  /** Requests answered so far. */
  requests: number;
  close(): Promise<void>;
}

export async function startPhotoServer(): Promise<PhotoServer> {
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests++;
    const match = /\/(\d+)\.(png|jpg)$/.exec(req.url ?? "");
    const seed = Number(match?.[1] ?? 0);
    if (seed === 0) return void res.writeHead(404).end();
    const body = match![2] === "png" ? makePng(seed, 1) : makeJpeg(8, 8, seed);
    res.writeHead(200, { "content-type": match![2] === "png" ? "image/png" : "image/jpeg", "content-length": body.byteLength }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    get requests() {
      return state.requests;
    },
    set requests(n: number) {
      state.requests = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
