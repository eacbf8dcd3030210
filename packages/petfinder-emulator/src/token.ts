import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

function base64url(input: string | Uint8Array): string {
  return Buffer.from(input).toString("base64url");
}

/** Issues and checks JWT-shaped bearer tokens (HS256) carrying the real API's claims. */
export class TokenIssuer {
  readonly #key: Buffer;

  constructor(
    seed: number,
    private readonly clientId: string,
    clientSecret: string,
    private readonly ttlSeconds: number,
  ) {
    this.#key = createHash("sha256").update(`petfinder-emulator:${seed}:${clientId}:${clientSecret}`).digest();
  }

  /** A new token valid for `ttlSeconds` from `nowMs`. */
  issue(nowMs: number): string {
    const iat = Math.floor(nowMs / 1000);
    const header = base64url(JSON.stringify({ typ: "JWT", alg: "HS256" }));
    const payload = base64url(
      JSON.stringify({
        aud: this.clientId,
        jti: randomBytes(40).toString("hex"),
        iat,
        nbf: iat,
        exp: iat + this.ttlSeconds,
        sub: "",
        scopes: [],
      }),
    );
    return `${header}.${payload}.${this.#sign(`${header}.${payload}`)}`;
  }

  #sign(data: string): string {
    return createHmac("sha256", this.#key).update(data).digest("base64url");
  }

  /** Whether an `Authorization` header carries a token this issuer signed that is valid at `nowMs`. */
  verify(authorization: string | undefined, nowMs: number): boolean {
    const m = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\s*$/i.exec(authorization ?? "");
    if (!m) return false;
    const expected = Buffer.from(this.#sign(`${m[1]}.${m[2]}`));
    const given = Buffer.from(m[3]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    try {
      const claims = JSON.parse(Buffer.from(m[2]!, "base64url").toString("utf8")) as { exp?: number; nbf?: number; aud?: string };
      const now = nowMs / 1000;
      return claims.aud === this.clientId && typeof claims.exp === "number" && now < claims.exp && (claims.nbf ?? 0) <= now + 1;
    } catch {
      return false;
    }
  }
}
