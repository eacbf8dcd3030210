// The client against a purpose-built node:http server on loopback, for the failures the
// emulator cannot produce on demand: bad shapes, exact error bodies, secrets echoed back.
import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import {
  PetfinderAuthError,
  PetfinderBadRequestError,
  PetfinderError,
  PetfinderNetworkError,
  PetfinderNotFoundError,
  PetfinderQuotaError,
  PetfinderRateLimitError,
  PetfinderServerError,
  PetfinderTimeoutError,
  PetfinderValidationError,
  createPetfinderClient,
  type PetfinderClientOptions,
  type PetfinderRequestEvent,
} from "@cat-harvest/petfinder";
import { animal, animalsPage, json, startLocalServer, token, type Handler, type LocalServer } from "./helpers/local-server.js";

const SECRET = "s3cret-Value-42";
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, options: Partial<PetfinderClientOptions> = {}) {
  server = await startLocalServer(async (req, res, seen) => {
    if (seen.path === "/v2/oauth2/token") return token(res, `tok-${server!.count("/v2/oauth2/token")}`);
    await handler(req, res, seen);
  });
  const client = createPetfinderClient({
    clientId: "id",
    clientSecret: SECRET,
    baseUrl: server.url,
    requestsPerSecond: Infinity,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { client, server };
}

/** Everything an error could leak through: message, stack, JSON, util.inspect (causes included). */
function serialized(error: unknown): string {
  const e = error as Error;
  return [String(e), e.stack, JSON.stringify(e), inspect(e, { depth: 20 })].join("\n");
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("schema violations", () => {
  test("a bad field gives a PetfinderValidationError naming the path and the URL", async () => {
    const { client, server } = await setup((_req, res) => json(res, 200, animalsPage([animal(1), animal(2, { photos: [{ small: 42 }] })])));
    const error = (await caught(client.animals({ type: "cat" }))) as PetfinderValidationError;
    expect(error).toBeInstanceOf(PetfinderValidationError);
    expect(error.path).toBe("animals[1].photos[0].small");
    expect(error.url).toBe(`${server.url}/v2/animals?type=cat`);
    expect(error.message).toContain("animals[1].photos[0].small");
    expect(error.message).toContain(`${server.url}/v2/animals?type=cat`);
    expect(server.count("/v2/animals")).toBe(1); // a bad shape is not retried
  });

  test.each([
    ["/v2/types", "types", { types: "cat" }, (c: ReturnType<typeof createPetfinderClient>) => c.types()],
    [
      "/v2/types/cat",
      "type.colors[0]",
      { type: { name: "Cat", coats: [], colors: [1], genders: [] } },
      (c: ReturnType<typeof createPetfinderClient>) => c.type("Cat"),
    ],
    ["/v2/types/cat/breeds", "breeds[0].name", { breeds: [{ title: "Bengal" }] }, (c: ReturnType<typeof createPetfinderClient>) => c.breeds("cat")],
    ["/v2/animals/7", "animal", {}, (c: ReturnType<typeof createPetfinderClient>) => c.animal(7)],
    ["/v2/animals/7", "animal.id", { animal: animal(7, { id: "7" }) }, (c: ReturnType<typeof createPetfinderClient>) => c.animal(7)],
    [
      "/v2/organizations",
      "pagination.count_per_page",
      { organizations: [], pagination: { total_pages: 1 } },
      (c: ReturnType<typeof createPetfinderClient>) => c.organizations(),
    ],
    ["/v2/organizations/OR1", "organization.name", { organization: { id: "OR1" } }, (c: ReturnType<typeof createPetfinderClient>) => c.organization("OR1")],
  ])("a bad %s body fails at %s", async (path, where, body, call) => {
    const { client } = await setup((_req, res, seen) => (seen.path.split("?")[0] === path ? json(res, 200, body) : json(res, 404, {})));
    const error = (await caught(call(client))) as PetfinderValidationError;
    expect(error).toBeInstanceOf(PetfinderValidationError);
    expect(error.path).toBe(where);
    expect(error.url).toContain(path);
  });

  test("unknown extra fields pass through", async () => {
    const { client } = await setup((_req, res) => json(res, 200, { ...animalsPage([animal(1, { new_field: [1, 2] })]), meta: "x" }));
    const page = await client.animals();
    expect(page.animals[0]!["new_field"]).toEqual([1, 2]);
    expect(page["meta"]).toBe("x");
  });

  test("a token response without a token is a validation error that does not repeat the body", async () => {
    server = await startLocalServer((_req, res) => json(res, 200, { token_type: "Bearer", expires_in: "tok-secret-shape" }));
    const client = createPetfinderClient({ clientId: "id", clientSecret: SECRET, baseUrl: server.url, retry: { limit: 0 } });
    const error = await caught(client.types());
    expect(error).toBeInstanceOf(PetfinderValidationError);
    expect((error as PetfinderValidationError).url).toBe(`${server.url}/v2/oauth2/token`);
    expect(serialized(error)).not.toContain("tok-secret-shape");
  });
});

describe("authentication", () => {
  test("bad credentials give a PetfinderAuthError and never leak the secret", async () => {
    server = await startLocalServer((_req, res) =>
      json(res, 401, {
        type: "https://www.petfinder.com/developers/v2/docs/errors/ERR-401/",
        status: 401,
        title: "invalid_client",
        detail: "Client authentication failed",
        errors: [{ code: "invalid_client", title: "Unauthorized", message: "Client authentication failed" }],
        hint: null,
      }),
    );
    const client = createPetfinderClient({ clientId: "id", clientSecret: SECRET, baseUrl: server.url });
    const error = (await caught(client.types())) as PetfinderAuthError;
    expect(error).toBeInstanceOf(PetfinderAuthError);
    expect(error.status).toBe(401);
    expect(error.url).toBe(`${server.url}/v2/oauth2/token`);
    expect(error.message).toMatch(/Client authentication failed.*clientId and clientSecret/);
    expect(server.requests).toHaveLength(1); // bad credentials are not retried
    expect(server.requests[0]!.body).toContain(`client_secret=${SECRET}`); // it was sent, in the body
    expect(serialized(error)).not.toContain(SECRET);
  });

  test("a server that echoes the secret and the token gets them redacted", async () => {
    const { client } = await setup((_req, res, seen) =>
      json(res, 400, {
        status: 400,
        title: "Invalid Request",
        detail: `bad ${SECRET} ${seen.authorization}`,
        "invalid-params": [{ in: "query", path: "type", message: `${SECRET} is not a type` }],
      }),
    );
    const error = (await caught(client.animals({ type: "x" }))) as PetfinderBadRequestError;
    expect(error).toBeInstanceOf(PetfinderBadRequestError);
    expect(error.invalidParams[0]!.path).toBe("type");
    const text = serialized(error);
    expect(text).toContain("[redacted]");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("tok-1");
  });

  test("a token endpoint that echoes the form body in its error leaks no form of the secret", async () => {
    const secret = "sp ace+sl/ash=eq&amp~(1)";
    server = await startLocalServer((_req, res, seen) =>
      json(res, 401, { status: 401, title: "invalid_client", detail: `Client authentication failed for ${seen.body}`, request: seen.body }),
    );
    const client = createPetfinderClient({ clientId: "id", clientSecret: secret, baseUrl: server.url });
    const error = (await caught(client.types())) as PetfinderAuthError;
    expect(PetfinderAuthError.isInstance(error)).toBe(true);
    expect(server.requests[0]!.body).toContain(`client_secret=${new URLSearchParams({ s: secret }).toString().slice(2)}`);
    expect(error.message).toContain("client_secret=[redacted]");
    const text = serialized(error);
    for (const form of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), "sp ace", "sp+ace", "sp%20ace"]) {
      expect(text).not.toContain(form);
    }
  });

  test("an expired token is replaced once and the call goes through", async () => {
    const { client, server } = await setup((_req, res, seen) =>
      seen.authorization === "Bearer tok-1"
        ? json(res, 401, { status: 401, title: "Unauthorized", detail: "Access token invalid or expired" })
        : json(res, 200, animalsPage([animal(1)])),
    );
    const page = await client.animals();
    expect(page.animals.map((a) => a.id)).toEqual([1]);
    expect(server.count("/v2/oauth2/token")).toBe(2);
    expect(server.requests.filter((r) => r.path.startsWith("/v2/animals")).map((r) => r.authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });

  test("a 403 for an expired token is handled the same way", async () => {
    const { client, server } = await setup((_req, res, seen) =>
      seen.authorization === "Bearer tok-1" ? json(res, 403, { status: 403 }) : json(res, 200, { types: [] }),
    );
    expect(await client.types()).toEqual([]);
    expect(server.count("/v2/oauth2/token")).toBe(2);
  });

  test("a token refused twice gives a PetfinderAuthError after one refresh", async () => {
    const { client, server } = await setup((_req, res) => json(res, 401, { status: 401, detail: "Access token invalid or expired" }));
    const error = (await caught(client.animal(5))) as PetfinderAuthError;
    expect(error).toBeInstanceOf(PetfinderAuthError);
    expect(error.url).toBe(`${server.url}/v2/animals/5`);
    expect(server.count("/v2/oauth2/token")).toBe(2);
    expect(server.count("/v2/animals/5")).toBe(2);
    expect(serialized(error)).not.toMatch(/tok-\d/);
  });
});

describe("rate limits and faults", () => {
  test("a daily-quota 429 throws PetfinderQuotaError at once with retryAfter and resetAt", async () => {
    const { client, server } = await setup((_req, res) =>
      json(res, 429, { status: 429, title: "Too Many Requests", detail: "Over the daily request limit" }, { "retry-after": "36000" }),
    );
    const before = Date.now();
    const error = (await caught(client.types())) as PetfinderQuotaError;
    expect(error).toBeInstanceOf(PetfinderQuotaError);
    expect(error).toBeInstanceOf(PetfinderRateLimitError);
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(36000);
    expect(error.resetAt.getTime()).toBeGreaterThanOrEqual(before + 36_000_000);
    expect(server.count("/v2/types")).toBe(1);
  });

  test("a daily-quota 429 without Retry-After resets at the next 00:00 UTC", async () => {
    const { client } = await setup((_req, res) => json(res, 429, { status: 429, detail: "Daily limit of 1000 requests reached" }));
    const error = (await caught(client.types())) as PetfinderQuotaError;
    expect(error).toBeInstanceOf(PetfinderQuotaError);
    expect(error.retryAfter).toBeUndefined();
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(error.resetAt.getTime()).toBe(midnight.getTime());
  });

  test("a long Retry-After is a quota even without the word daily", async () => {
    const { client } = await setup((_req, res) => json(res, 429, { status: 429 }, { "retry-after": "7200" }));
    const error = (await caught(client.types())) as PetfinderQuotaError;
    expect(error).toBeInstanceOf(PetfinderQuotaError);
    expect(error.retryAfter).toBe(7200);
  });

  test("a per-second 429 is retried after Retry-After", async () => {
    const { client, server } = await setup((_req, res) =>
      server!.count("/v2/types") < 3
        ? json(res, 429, { status: 429, detail: "Over 50 requests per second" }, { "retry-after": "0" })
        : json(res, 200, { types: [] }),
    );
    expect(await client.types()).toEqual([]);
    expect(server.count("/v2/types")).toBe(3);
  });

  test("429s past the retry limit give PetfinderRateLimitError", async () => {
    const { client, server } = await setup((_req, res) => json(res, 429, { status: 429 }, { "retry-after": "0" }), { retry: { limit: 2, baseDelayMs: 1 } });
    const error = (await caught(client.types())) as PetfinderRateLimitError;
    expect(error).toBeInstanceOf(PetfinderRateLimitError);
    expect(error).not.toBeInstanceOf(PetfinderQuotaError);
    expect(server.count("/v2/types")).toBe(3);
  });

  test("500, 502 and 503 are retried", async () => {
    const statuses = [500, 502, 503];
    const { client, server } = await setup((_req, res) => {
      const status = statuses.shift();
      return status ? json(res, status, { status, title: "error", detail: "error" }) : json(res, 200, { types: [] });
    });
    expect(await client.types()).toEqual([]);
    expect(server.count("/v2/types")).toBe(4);
  });

  test("a server that keeps failing gives PetfinderServerError after limit + 1 attempts", async () => {
    const { client, server } = await setup((_req, res) => json(res, 500, { status: 500, detail: "error" }), { retry: { limit: 2, baseDelayMs: 1 } });
    const error = (await caught(client.types())) as PetfinderServerError;
    expect(error).toBeInstanceOf(PetfinderServerError);
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(true);
    expect(server.count("/v2/types")).toBe(3);
  });

  test("a reset connection and a body cut short are retried", async () => {
    let n = 0;
    const { client, server } = await setup((_req, res) => {
      n++;
      if (n === 1) return void res.socket?.destroy();
      if (n === 2) {
        const text = JSON.stringify(animalsPage([animal(1)]));
        res.writeHead(200, { "content-type": "application/json", "content-length": text.length });
        res.write(text.slice(0, 40));
        return void setTimeout(() => res.socket?.destroy(), 10);
      }
      if (n === 3) {
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end("<html>not json</html>");
      }
      json(res, 200, animalsPage([animal(1)]));
    });
    const page = await client.animals();
    expect(page.animals[0]!.id).toBe(1);
    expect(server.count("/v2/animals")).toBe(4);
  });

  test("invalid JSON every time gives PetfinderNetworkError", async () => {
    const { client } = await setup(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"types": [');
      },
      { retry: { limit: 1, baseDelayMs: 1 } },
    );
    const error = await caught(client.types());
    expect(error).toBeInstanceOf(PetfinderNetworkError);
    expect((error as PetfinderNetworkError).message).toMatch(/not JSON/);
  });

  test("a stalled body times out and gives PetfinderTimeoutError", async () => {
    const { client } = await setup(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        res.write('{"types":');
      },
      { timeout: 200, retry: { limit: 1, baseDelayMs: 1 } },
    );
    const error = (await caught(client.types())) as PetfinderTimeoutError;
    expect(error).toBeInstanceOf(PetfinderTimeoutError);
    expect(error.timeout).toBe(200);
  });

  test("a refused connection gives PetfinderNetworkError", async () => {
    const closed = await startLocalServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const client = createPetfinderClient({ clientId: "id", clientSecret: SECRET, baseUrl: url, retry: { limit: 1, baseDelayMs: 1 } });
    const error = await caught(client.types());
    expect(error).toBeInstanceOf(PetfinderNetworkError);
    expect((error as PetfinderNetworkError).url).toBe(`${url}/v2/oauth2/token`);
    expect(serialized(error)).not.toContain(SECRET);
  });
});

describe("other answers", () => {
  test("404 gives PetfinderNotFoundError with the problem body", async () => {
    const { client } = await setup((_req, res) =>
      json(res, 404, { type: "https://www.petfinder.com/developers/v2/docs/errors/ERR-404/", status: 404, title: "Not Found", detail: "Not Found" }),
    );
    const error = (await caught(client.organization("ABC1234"))) as PetfinderNotFoundError;
    expect(error).toBeInstanceOf(PetfinderNotFoundError);
    expect(error.status).toBe(404);
    expect(error.problem?.title).toBe("Not Found");
    expect(PetfinderError.isInstance(error)).toBe(true);
  });

  test("onRequest sees every attempt, token requests included, and a custom fetch is used", async () => {
    const events: PetfinderRequestEvent[] = [];
    let fetched = 0;
    const statuses = [503];
    const { client } = await setup(
      (_req, res) => {
        const status = statuses.shift();
        return status ? json(res, status, {}) : json(res, 200, { types: [] });
      },
      {
        onRequest: (event) => {
          events.push(event);
          throw new Error("a broken hook is ignored");
        },
        fetch: (input, init) => {
          fetched++;
          return fetch(input, init);
        },
      },
    );
    await client.types();
    expect(events.map((e) => [e.kind, e.method, e.status, e.attempt])).toEqual([
      ["token", "POST", 200, 0],
      ["api", "GET", 503, 0],
      ["api", "GET", 200, 1],
    ]);
    expect(fetched).toBe(3);
  });
});

describe("abort", () => {
  test("aborting a stalled request rejects with the signal's reason", async () => {
    const { client } = await setup(() => undefined /* never answers */);
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const call = client.types({ signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    expect(await caught(call)).toBe(reason);
  });

  test("aborting during backoff rejects with the signal's reason", async () => {
    const { client, server } = await setup((_req, res) => json(res, 503, {}), { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const controller = new AbortController();
    const call = client.types({ signal: controller.signal });
    while (server.count("/v2/types") === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort(new Error("stop"));
    await expect(call).rejects.toThrow("stop");
  });

  test("an already aborted signal makes no request", async () => {
    const { client, server } = await setup((_req, res) => json(res, 200, { types: [] }));
    const controller = new AbortController();
    controller.abort(new Error("before"));
    await expect(client.types({ signal: controller.signal })).rejects.toThrow("before");
    await expect(async () => {
      for await (const _ of client.searchAnimals({}, { signal: controller.signal })) void _;
    }).rejects.toThrow("before");
    expect(server.requests).toHaveLength(0);
  });
});

describe("options", () => {
  test.each([
    [{}, /"clientId"/],
    [{ clientId: "a" }, /"clientSecret"/],
    [{ clientId: "a", clientSecret: "b", baseUrl: "not a url" }, /not a URL/],
    [{ clientId: "a", clientSecret: "b", baseUrl: "https://api.petfinder.com/v2" }, /without \/v2; pass "https:\/\/api.petfinder.com"/],
    [{ clientId: "a", clientSecret: "b", baseUrl: "ftp://x" }, /http\(s\)/],
    [{ clientId: "a", clientSecret: "b", requestsPerSecond: 0 }, /requestsPerSecond/],
    [{ clientId: "a", clientSecret: "b", retry: { limit: -1 } }, /retry.limit/],
  ])("createPetfinderClient(%j) throws a TypeError", (options, message) => {
    expect(() => createPetfinderClient(options as PetfinderClientOptions)).toThrow(TypeError);
    expect(() => createPetfinderClient(options as PetfinderClientOptions)).toThrow(message);
  });

  test("a TypeError for a bad option never shows the secret", () => {
    const error = (() => {
      try {
        createPetfinderClient({ clientId: "a", clientSecret: SECRET, timeout: -1 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect(serialized(error)).not.toContain(SECRET);
  });

  test("defaults to the real API root, trailing slash removed", () => {
    expect(createPetfinderClient({ clientId: "a", clientSecret: "b" }).baseUrl).toBe("https://api.petfinder.com");
    expect(createPetfinderClient({ clientId: "a", clientSecret: "b", baseUrl: "http://127.0.0.1:9/" }).baseUrl).toBe("http://127.0.0.1:9");
  });

  test("bad ids and params are TypeErrors before any request", async () => {
    const { client, server } = await setup((_req, res) => json(res, 200, {}));
    await expect(client.animal(-1)).rejects.toThrow(TypeError);
    await expect(client.animal("12a")).rejects.toThrow(TypeError);
    await expect(client.organization("../x")).rejects.toThrow(TypeError);
    await expect(client.animals({ animal_type: "cat" } as never)).rejects.toThrow(/did you mean "type"/);
    expect(() => client.searchAnimals({ limit: 500 })).toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});
