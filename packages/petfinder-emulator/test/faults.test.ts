import { type FaultKind } from "@cat-harvest/petfinder-emulator";
import { describe, expect, test } from "vitest";
import { get, startSmall, token } from "./helpers.js";

/**
 * A token and the path of a photo, from a fault-free emulator. Data and token keys depend
 * only on the seed and credentials, so both are valid on a faulty emulator with the same seed.
 */
async function cleanFixture(size: "large" | "full" = "large"): Promise<{ bearer: string; photoPath: string }> {
  const clean = await startSmall();
  try {
    const bearer = await token(clean);
    const listed = await get(clean, "/v2/animals?limit=100", bearer);
    const photo = listed.body.animals.find((a: { photos: unknown[] }) => a.photos.length > 0).photos[0][size] as string;
    return { bearer, photoPath: photo.slice(clean.url.length) };
  } finally {
    await clean.stop();
  }
}

/** Runs `fn` against an emulator where every request fails with one fault kind. */
async function withFault<T>(kind: FaultKind, fn: (ctx: { url: string; bearer: string; photo: string }) => Promise<T>, stallMs = 20_000): Promise<T> {
  const { bearer, photoPath } = await cleanFixture();
  const faulty = await startSmall({ faultRate: 1, faultKinds: [kind], stallMs });
  try {
    return await fn({ url: faulty.url, bearer, photo: `${faulty.url}${photoPath}` });
  } finally {
    await faulty.stop();
  }
}

describe("faults", () => {
  test.each([
    ["status-500", 500, "application/json"],
    ["status-502", 502, "text/html"],
    ["status-503", 503, "application/json"],
  ] as const)("%s answers %i on API and photo routes", async (kind, status, type) => {
    await withFault(kind, async ({ url, bearer, photo }) => {
      const api = await fetch(`${url}/v2/types`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(api.status).toBe(status);
      expect(api.headers.get("content-type")).toContain(type);
      const body = await api.text();
      if (status === 500) expect(JSON.parse(body)).toEqual({ type: "https://httpstatus.es/500", status: 500, title: "error", detail: "error" });
      const img = await fetch(photo);
      expect(img.status).toBe(status);
      await img.arrayBuffer();
      const stats = await (await fetch(`${url}/_emulator/stats`)).json();
      expect(stats.faults[kind]).toBe(2);
    });
  });

  test("status-429 answers 429 with Retry-After: 1 (a per-second limit)", async () => {
    await withFault("status-429", async ({ url, bearer }) => {
      const res = await fetch(`${url}/v2/animals`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("1");
      expect((await res.json()).detail).toContain("per second");
    });
  });

  test("reset destroys the connection before any response", async () => {
    await withFault("reset", async ({ url, photo }) => {
      await expect(fetch(`${url}/v2/types`)).rejects.toThrow(TypeError);
      await expect(fetch(photo)).rejects.toThrow(TypeError);
    });
  });

  test("cut-short sends fewer bytes than Content-Length, then closes", async () => {
    await withFault("cut-short", async ({ photo, bearer, url }) => {
      const res = await fetch(photo);
      expect(res.status).toBe(200);
      expect(Number(res.headers.get("content-length"))).toBeGreaterThan(1000);
      await expect(res.arrayBuffer()).rejects.toThrow();
      const api = await fetch(`${url}/v2/types`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(api.status).toBe(200);
      await expect(api.json()).rejects.toThrow();
    });
  });

  test("stall sends headers and part of the body, then nothing; stop() still ends promptly", async () => {
    const { photoPath } = await cleanFixture("full");
    const faulty = await startSmall({ faultRate: 1, faultKinds: ["stall"] });
    const res = await fetch(`${faulty.url}${photoPath}`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(0);
    const rest = (async () => {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return "ended early";
      }
    })();
    // The stall lasts 20 s by default; stopping the emulator must cut it off.
    await faulty.stop();
    await expect(rest).rejects.toThrow();
  });

  test("a short stall ends in a closed connection a client idle timeout would also catch", async () => {
    await withFault(
      "stall",
      async ({ photo }) => {
        const res = await fetch(photo);
        await expect(res.arrayBuffer()).rejects.toThrow();
      },
      50,
    );
  });

  test("early-expiry answers 401 on API routes only; token requests and photos are unaffected", async () => {
    await withFault("early-expiry", async ({ url, bearer, photo }) => {
      const res = await fetch(`${url}/v2/types`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(res.status).toBe(401);
      expect((await res.json()).detail).toBe("Access token invalid or expired");
      const tok = await fetch(`${url}/v2/oauth2/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }),
      });
      expect(tok.status).toBe(200);
      await tok.arrayBuffer();
      const img = await fetch(photo);
      expect(img.status).toBe(200);
      await img.arrayBuffer();
    });
  });

  test("/_emulator routes never fault", async () => {
    const emulator = await startSmall({ faultRate: 1, faultKinds: ["reset", "status-500"] });
    try {
      for (let i = 0; i < 5; i++) expect((await get(emulator, "/_emulator/stats")).status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });

  test("draws are deterministic per seed and fresh for each repeat of the same request", async () => {
    const outcomes = async (seed: number) => {
      const emulator = await startSmall({ seed, faultRate: 0.4, faultKinds: ["status-500", "status-503"] });
      try {
        const seen: number[] = [];
        for (let i = 0; i < 30; i++) seen.push((await get(emulator, "/v2/types/cat")).status);
        for (let i = 0; i < 10; i++) seen.push((await get(emulator, `/v2/types/cat?n=${i}`)).status);
        return seen;
      } finally {
        await emulator.stop();
      }
    };
    const a = await outcomes(11);
    expect(await outcomes(11)).toEqual(a);
    expect(await outcomes(12)).not.toEqual(a);
    // Unauthenticated, so a request that does not fault answers 401; repeats of one URL mix both.
    expect(a.slice(0, 30)).toContain(401);
    expect(a.slice(0, 30).some((s) => s === 500 || s === 503)).toBe(true);
  });
});
