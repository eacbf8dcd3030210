import { expect, test } from "vitest";
import { createTokenManager, type IssuedToken } from "./token-manager.js";

function source(expiresIn = 3600) {
  let issued = 0;
  let release: (() => void) | undefined;
  let gate: Promise<void> = Promise.resolve();
  return {
    get issued() {
      return issued;
    },
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => release?.(),
    fetch: async (): Promise<IssuedToken> => {
      issued++;
      const n = issued;
      await gate;
      return { value: `t${n}`, expiresIn };
    },
  };
}

test("many concurrent callers share one token request", async () => {
  const s = source();
  const tokens = createTokenManager(s.fetch);
  s.hold();
  const all = Promise.all(Array.from({ length: 20 }, () => tokens.get()));
  s.release();
  expect(await all).toEqual(Array(20).fill("t1"));
  expect(s.issued).toBe(1);
  expect(await tokens.get()).toBe("t1");
  expect(s.issued).toBe(1);
});

test("renews before expiry", async () => {
  let now = 0;
  const s = source(100);
  const tokens = createTokenManager(s.fetch, () => now);
  expect(await tokens.get()).toBe("t1");
  now = 89_000;
  expect(await tokens.get()).toBe("t1");
  now = 91_000; // within the last 10% of the lifetime
  expect(await tokens.get()).toBe("t2");
});

test("invalidate drops only the refused token", async () => {
  const s = source();
  const tokens = createTokenManager(s.fetch);
  expect(await tokens.get()).toBe("t1");
  tokens.invalidate("t0"); // a stale refusal from a call that used an older token
  expect(await tokens.get()).toBe("t1");
  tokens.invalidate("t1");
  tokens.invalidate("t1");
  expect(await Promise.all([tokens.get(), tokens.get()])).toEqual(["t2", "t2"]);
  expect(s.issued).toBe(2);
});

test("one caller's abort does not fail the shared request", async () => {
  const s = source();
  const tokens = createTokenManager(s.fetch);
  s.hold();
  const controller = new AbortController();
  const aborted = tokens.get(controller.signal);
  const other = tokens.get();
  const reason = new Error("caller gave up");
  controller.abort(reason);
  await expect(aborted).rejects.toBe(reason);
  s.release();
  expect(await other).toBe("t1");
});

test("a failed token request is not cached", async () => {
  let fail = true;
  const tokens = createTokenManager(async () => {
    if (fail) throw new Error("refused");
    return { value: "ok", expiresIn: 3600 };
  });
  await expect(tokens.get()).rejects.toThrow("refused");
  fail = false;
  expect(await tokens.get()).toBe("ok");
});
