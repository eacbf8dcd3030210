import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { NodeHttpResponse } from "./node-http-response.js";

/** A `fetch` for the downloader under Node, and the keep-alive connections it holds. */
export interface NodeHttpFetch {
  readonly fetch: typeof globalThis.fetch;
  /** Closes the idle connections (they never keep the process alive). */
  readonly close: () => void;
}

/** Headers as node:http takes them: a plain record as is, anything else through `Headers`. */
function headerRecord(headers: HeadersInit | undefined): OutgoingHttpHeaders {
  if (headers === undefined) return {};
  if (!(headers instanceof Headers) && !Array.isArray(headers)) return headers as OutgoingHttpHeaders;
  return Object.fromEntries(new Headers(headers));
}

/** Requests this adapter sends itself: a GET or HEAD of a URL string or `URL`, no body, redirects left to the caller. */
function isPlainRequest(input: RequestInfo | URL, init: RequestInit | undefined): input is string | URL {
  const method = (init?.method ?? "GET").toUpperCase();
  return !(input instanceof Request) && (method === "GET" || method === "HEAD") && init?.body == null && init?.redirect === "manual";
}

/** fetch's way of failing a request: a TypeError whose `cause` is the socket error. */
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });

/**
 * A `fetch` on node:http and node:https with keep-alive agents, for Node, where undici's fetch
 * costs about twice the CPU per request. It sends what the downloader sends (a GET or HEAD with
 * headers, `redirect: "manual"`, an `AbortSignal`) and answers with a real `Response`
 * (`NodeHttpResponse`); any other request (a body, another method, followed redirects, a
 * `Request` object) goes to `fallback`. An abort rejects with the signal's reason, before or
 * during the body, as fetch does; a network error rejects with `TypeError("fetch failed")` and
 * the socket error as its cause.
 */
export function createNodeHttpFetch(fallback: typeof globalThis.fetch = globalThis.fetch): NodeHttpFetch {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  function send(url: URL, init: RequestInit): Promise<Response> {
    const { signal } = init;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const secure = url.protocol === "https:";
      const options = { method: (init.method ?? "GET").toUpperCase(), headers: headerRecord(init.headers), agent: secure ? https : http };
      const req = (secure ? httpsRequest : httpRequest)(url, options);
      let res: IncomingMessage | undefined;
      const onAbort = () => {
        req.destroy(signal!.reason);
        res?.destroy(signal!.reason);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      req.once("error", (error) => {
        done();
        reject(signal?.aborted ? signal.reason : fetchFailed(error));
      });
      req.once("response", (response) => {
        res = response;
        response.once("close", done);
        resolve(new NodeHttpResponse(response, url.href));
      });
      req.end();
    });
  }
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    if (!isPlainRequest(input, init)) return fallback(input, init);
    const url = new URL(input);
    if (url.protocol !== "http:" && url.protocol !== "https:") return fallback(input, init);
    return send(url, init ?? {});
  }) as typeof globalThis.fetch;
  return {
    fetch,
    close: () => {
      http.destroy();
      https.destroy();
    },
  };
}
