import { ANIMAL_TYPES, type Emulator } from "@cat-harvest/petfinder-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, startSmall, token } from "./helpers.js";

const ANIMAL_KEYS = [
  "id",
  "organization_id",
  "url",
  "type",
  "species",
  "breeds",
  "colors",
  "age",
  "gender",
  "size",
  "coat",
  "attributes",
  "environment",
  "tags",
  "name",
  "description",
  "organization_animal_id",
  "photos",
  "primary_photo_cropped",
  "videos",
  "status",
  "status_changed_at",
  "published_at",
  "distance",
  "contact",
  "_links",
];

let emulator: Emulator;
let bearer: string;

beforeAll(async () => {
  emulator = await startSmall();
  bearer = await token(emulator);
});
afterAll(() => emulator.stop());

describe("token endpoint", () => {
  test("issues a JWT-shaped bearer token with the real claims for a form-encoded body", async () => {
    const res = await fetch(`${emulator.url}/v2/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    const body = (await res.json()) as { token_type: string; expires_in: number; access_token: string };
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(3600);
    const [header, payload, signature] = body.access_token.split(".");
    expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toMatchObject({ typ: "JWT" });
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    expect(Object.keys(claims)).toEqual(["aud", "jti", "iat", "nbf", "exp", "sub", "scopes"]);
    expect(claims).toMatchObject({ aud: "demo", sub: "", scopes: [] });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  test("accepts the same fields as a JSON body", async () => {
    const t = await token(emulator, JSON.stringify({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }), {
      "content-type": "application/json",
    });
    expect((await get(emulator, "/v2/types", t)).status).toBe(200);
  });

  test.each([
    ["a wrong secret", { grant_type: "client_credentials", client_id: "demo", client_secret: "nope" }],
    ["a wrong client id", { grant_type: "client_credentials", client_id: "other", client_secret: "demo" }],
    ["missing credentials", { grant_type: "client_credentials" }],
  ])("answers 401 invalid_client for %s", async (_, fields) => {
    const res = await fetch(`${emulator.url}/v2/oauth2/token`, { method: "POST", body: new URLSearchParams(fields) });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await res.json();
    expect(body).toMatchObject({ status: 401, title: "invalid_client", detail: "Client authentication failed", hint: null });
    expect(body.errors[0].code).toBe("invalid_client");
  });

  test("refuses another grant type with 400 and GET with 405", async () => {
    const res = await fetch(`${emulator.url}/v2/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "password", client_id: "demo", client_secret: "demo" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).title).toBe("unsupported_grant_type");
    const got = await fetch(`${emulator.url}/v2/oauth2/token`);
    expect(got.status).toBe(405);
    expect(got.headers.get("allow")).toBe("POST");
    await got.arrayBuffer();
  });
});

describe("authentication on data routes", () => {
  test.each([
    ["no Authorization header", undefined],
    ["a malformed token", "not-a-token"],
    ["a forged signature", "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJkZW1vIn0.Zm9yZ2Vk"],
  ])("answers 401 'Access token invalid or expired' for %s", async (_, t) => {
    const res = await get(emulator, "/v2/animals", t);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toEqual({ type: "https://httpstatus.es/401", status: 401, title: "Unauthorized", detail: "Access token invalid or expired" });
  });

  test("a token whose payload was edited (a later exp) is refused", async () => {
    const [header, payload, signature] = bearer.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const edited = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86400 })).toString("base64url");
    expect((await get(emulator, "/v2/types", `${header}.${edited}.${signature}`)).status).toBe(401);
    expect((await get(emulator, "/v2/types", bearer)).status).toBe(200);
  });

  test("a token expires after tokenTtlSeconds", async () => {
    let now = Date.UTC(2026, 0, 1, 12);
    const clocked = await startSmall({ tokenTtlSeconds: 60, now: () => now });
    try {
      const t = await token(clocked);
      expect((await get(clocked, "/v2/types", t)).status).toBe(200);
      now += 59_000;
      expect((await get(clocked, "/v2/types", t)).status).toBe(200);
      now += 1_000;
      const expired = await get(clocked, "/v2/types", t);
      expect(expired.status).toBe(401);
      expect(expired.body.detail).toBe("Access token invalid or expired");
      // A fresh token works again.
      expect((await get(clocked, "/v2/types", await token(clocked))).status).toBe(200);
    } finally {
      await clocked.stop();
    }
  });

  test("a token from an emulator with other credentials is refused", async () => {
    const other = await startSmall({ clientId: "someone", clientSecret: "else" });
    try {
      const foreign = await token(other, new URLSearchParams({ grant_type: "client_credentials", client_id: "someone", client_secret: "else" }));
      expect((await get(emulator, "/v2/types", foreign)).status).toBe(401);
    } finally {
      await other.stop();
    }
  });
});

describe("types and breeds", () => {
  test("lists the eight types with coats, colors, genders and links", async () => {
    const res = await get(emulator, "/v2/types", bearer);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toBe("max-age=0, no-cache, no-store");
    expect(res.body.types.map((t: { name: string }) => t.name)).toEqual([
      "Dog",
      "Cat",
      "Rabbit",
      "Small & Furry",
      "Horse",
      "Bird",
      "Scales, Fins & Other",
      "Barnyard",
    ]);
    const cat = res.body.types[1];
    expect(Object.keys(cat)).toEqual(["name", "coats", "colors", "genders", "_links"]);
    expect(cat._links).toEqual({ self: { href: "/v2/types/cat" }, breeds: { href: "/v2/types/cat/breeds" } });
    expect(cat.colors).toHaveLength(30);
  });

  test.each(["cat", "Cat", "CAT", "cat/"])("GET /v2/types/%s finds the cat type", async (slug) => {
    const res = await get(emulator, `/v2/types/${slug}`, bearer);
    expect(res.status).toBe(200);
    expect(res.body.type.name).toBe("Cat");
  });

  test("finds a type with a multi-word slug and 404s an unknown one", async () => {
    expect((await get(emulator, "/v2/types/small-furry", bearer)).body.type.name).toBe("Small & Furry");
    const missing = await get(emulator, "/v2/types/elephant", bearer);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      type: "https://www.petfinder.com/developers/v2/docs/errors/ERR-404/",
      status: 404,
      title: "Not Found",
      detail: "Not Found",
    });
  });

  test("lists the 68 cat breeds alphabetically with type links", async () => {
    const res = await get(emulator, "/v2/types/cat/breeds", bearer);
    const names = res.body.breeds.map((b: { name: string }) => b.name);
    expect(names).toHaveLength(68);
    expect(names).toEqual([...names].sort());
    expect(names).toContain("Extra-Toes Cat / Hemingway Polydactyl");
    expect(names).toContain("Toyger");
    expect(res.body.breeds[0]).toEqual({ name: "Abyssinian", _links: { type: { href: "/v2/types/cat" } } });
    const dogs = await get(emulator, "/v2/types/Dog/breeds", bearer);
    expect(dogs.body.breeds.length).toBeGreaterThan(40);
    expect((await get(emulator, "/v2/types/unicorn/breeds", bearer)).status).toBe(404);
  });
});

describe("GET /v2/animals", () => {
  test("returns 20 adoptable animals of every type, newest first, each with the 26 keys in order", async () => {
    const res = await get(emulator, "/v2/animals", bearer);
    expect(res.status).toBe(200);
    const { animals, pagination } = res.body;
    expect(animals).toHaveLength(20);
    for (const a of animals) {
      expect(Object.keys(a)).toEqual(ANIMAL_KEYS);
      expect(a.status).toBe("adoptable");
      expect(a.published_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
      expect(a._links.self.href).toBe(`/v2/animals/${a.id}`);
      expect(a._links.organization.href).toBe(`/v2/organizations/${a.organization_id.toLowerCase()}`);
      expect(a.distance).toBeNull();
      if (a.description !== null) expect(a.description.length).toBeLessThanOrEqual(103);
      expect(a.primary_photo_cropped === null).toBe(a.photos.length === 0);
    }
    const times = animals.map((a: { published_at: string }) => a.published_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(pagination).toMatchObject({ count_per_page: 20, current_page: 1 });
    expect(pagination._links.previous).toBeUndefined();
    expect(pagination._links.next.href).toBe("/v2/animals?page=2");
  });

  test("mixes types when no type is given", async () => {
    const res = await get(emulator, "/v2/animals?limit=100", bearer);
    const types = new Set(res.body.animals.map((a: { type: string }) => a.type));
    expect(types.has("Cat")).toBe(true);
    expect(types.size).toBeGreaterThan(1);
  });

  test("filters by type and by several breeds (primary or secondary), case-insensitively", async () => {
    const res = await get(emulator, "/v2/animals?type=Cat&breed=siamese,Bengal&limit=100", bearer);
    expect(res.status).toBe(200);
    expect(res.body.animals.length).toBeGreaterThan(0);
    for (const a of res.body.animals) {
      expect(a.type).toBe("Cat");
      expect([a.breeds.primary, a.breeds.secondary].some((b) => b === "Siamese" || b === "Bengal")).toBe(true);
    }
  });

  test("pages through a breed to the last page and past it", async () => {
    const first = await get(emulator, "/v2/animals?type=cat&breed=Domestic Short Hair&limit=7", bearer);
    const { total_count: total, total_pages: pages } = first.body.pagination;
    expect(total).toBeGreaterThan(21);
    expect(pages).toBe(Math.ceil(total / 7));
    expect(first.body.pagination._links.next.href).toBe("/v2/animals?breed=Domestic Short Hair&limit=7&page=2&type=cat");
    const seen = new Set<number>();
    let href: string | undefined = "/v2/animals?type=cat&breed=Domestic Short Hair&limit=7";
    let visited = 0;
    while (href) {
      const res: { status: number; body: any } = await get(emulator, href, bearer);
      visited++;
      for (const a of res.body.animals) seen.add(a.id);
      if (res.body.pagination.current_page > 1) expect(res.body.pagination._links.previous).toBeDefined();
      href = res.body.pagination._links.next?.href;
    }
    expect(visited).toBe(pages);
    expect(seen.size).toBe(total);

    const last = await get(emulator, `/v2/animals?type=cat&breed=Domestic Short Hair&limit=7&page=${pages}`, bearer);
    expect(last.body.animals).toHaveLength(total - (pages - 1) * 7);
    expect(last.body.pagination._links.next).toBeUndefined();
    const past = await get(emulator, `/v2/animals?type=cat&breed=Domestic Short Hair&limit=7&page=${pages + 1}`, bearer);
    expect(past.status).toBe(200);
    expect(past.body.animals).toEqual([]);
    expect(past.body.pagination).toEqual({
      count_per_page: 7,
      total_count: total,
      current_page: pages + 1,
      total_pages: pages,
      _links: { previous: { href: `/v2/animals?breed=Domestic Short Hair&limit=7&page=${pages}&type=cat` } },
    });
  });

  test("a search with no match has zero pages and no links", async () => {
    const res = await get(emulator, "/v2/animals?type=cat&name=zzzz", bearer);
    expect(res.body).toEqual({ animals: [], pagination: { count_per_page: 20, total_count: 0, current_page: 1, total_pages: 0, _links: {} } });
  });

  test("sorts by -recent and random consistently across pages", async () => {
    const recent = await get(emulator, "/v2/animals?type=cat&limit=50", bearer);
    const oldest = await get(emulator, "/v2/animals?type=cat&limit=50&sort=-recent", bearer);
    const times = oldest.body.animals.map((a: { published_at: string }) => a.published_at);
    expect(times).toEqual([...times].sort());
    expect(oldest.body.animals[0].id).not.toBe(recent.body.animals[0].id);
    const r1 = await get(emulator, "/v2/animals?type=cat&limit=50&sort=random", bearer);
    const r2 = await get(emulator, "/v2/animals?type=cat&limit=50&sort=random", bearer);
    expect(r1.body.animals.map((a: { id: number }) => a.id)).toEqual(r2.body.animals.map((a: { id: number }) => a.id));
    expect(r1.body.animals.map((a: { id: number }) => a.id)).not.toEqual(recent.body.animals.map((a: { id: number }) => a.id));
  });

  test("searches by location and distance, sorting by distance and reporting it", async () => {
    const sample = (await get(emulator, "/v2/animals?limit=1", bearer)).body.animals[0].contact.address;
    const res = await get(emulator, `/v2/animals?location=${sample.city}, ${sample.state}&distance=300&sort=distance&limit=100`, bearer);
    expect(res.status).toBe(200);
    const distances = res.body.animals.map((a: { distance: number }) => a.distance);
    expect(distances.length).toBeGreaterThan(0);
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(300);
    const byZip = await get(emulator, `/v2/animals?location=${sample.postcode}&distance=300`, bearer);
    expect(byZip.body.pagination.total_count).toBe(res.body.pagination.total_count);
    const far = await get(emulator, `/v2/animals?location=${sample.city}, ${sample.state}&sort=-distance&limit=5`, bearer);
    const farDistances = far.body.animals.map((a: { distance: number }) => a.distance);
    expect(farDistances).toEqual([...farDistances].sort((a: number, b: number) => b - a));
    expect(Math.max(...farDistances)).toBeLessThanOrEqual(100);
    const byPoint = await get(emulator, "/v2/animals?location=45.5185,-122.6743&distance=500", bearer);
    expect(byPoint.status).toBe(200);
  });

  test("filters by status, size, gender, age, organization and good_with_cats", async () => {
    const adopted = await get(emulator, "/v2/animals?status=adopted&limit=100", bearer);
    expect(adopted.body.animals.length).toBeGreaterThan(0);
    expect(adopted.body.animals.every((a: { status: string }) => a.status === "adopted")).toBe(true);
    const some = await get(emulator, "/v2/animals?type=cat&size=small,xlarge&gender=female&age=baby,young&good_with_cats=1&limit=100", bearer);
    for (const a of some.body.animals) {
      expect(["Small", "Extra Large"]).toContain(a.size);
      expect(a.gender).toBe("Female");
      expect(["Baby", "Young"]).toContain(a.age);
      expect(a.environment.cats).toBe(true);
    }
    const org = adopted.body.animals[0].organization_id.toLowerCase();
    const byOrg = await get(emulator, `/v2/animals?organization=${org}&status=adoptable,adopted,found&limit=100`, bearer);
    expect(byOrg.body.animals.length).toBeGreaterThan(0);
    expect(byOrg.body.animals.every((a: { organization_id: string }) => a.organization_id.toLowerCase() === org)).toBe(true);
  });

  test("ignores unknown parameters and leaves them out of links", async () => {
    const res = await get(emulator, "/v2/animals?animal_type=cat&limit=5", bearer);
    expect(res.status).toBe(200);
    expect(res.body.pagination._links.next.href).toBe("/v2/animals?limit=5&page=2");
  });

  test.each([
    ["limit=101", "limit", "101 is not a valid limit"],
    ["limit=0", "limit", "0 is not a valid limit"],
    ["page=0", "page", "0 is not a valid page"],
    ["page=two", "page", "two is not a valid page"],
    ["type=Unicorn", "type", "Unicorn is not a valid animal type."],
    ["type=cat&breed=Labrador Retriever", "breed", "labrador retriever is not a valid breed for Cat."],
    ["status=sleeping", "status", "sleeping is not a valid status."],
    ["sort=oldest", "sort", "oldest is not a valid sort"],
    ["sort=distance", "sort", "sort=distance needs a location."],
    ["distance=50", "distance", "distance needs a location."],
    ["location=Atlantis", "location", "Atlantis is not a valid location"],
    ["location=97204&distance=501", "distance", "501 is not a valid distance"],
    ["house_trained=false", "house_trained", "only true or 1"],
    ["after=yesterday", "after", "yesterday is not a valid ISO-8601 date-time"],
  ])("answers 400 invalid-params for %s", async (query, path, message) => {
    const res = await get(emulator, `/v2/animals?${query}`, bearer);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toMatchObject({
      type: "https://www.petfinder.com/developers/v2/docs/errors/ERR-00002/",
      status: 400,
      title: "Invalid Request",
      detail: "The request contains invalid parameters.",
    });
    expect(res.body["invalid-params"]).toEqual([{ in: "query", path, message: expect.stringContaining(message) }]);
  });

  test("accepts before/after with offsets and filters published_at", async () => {
    const all = await get(emulator, "/v2/animals?type=cat&limit=100", bearer);
    const middle = all.body.animals[50].published_at as string;
    const iso = middle.replace("+0000", "-00:00");
    const res = await get(emulator, `/v2/animals?type=cat&limit=100&before=${iso}`, bearer);
    expect(res.status).toBe(200);
    for (const a of res.body.animals) expect(a.published_at < middle).toBe(true);
  });
});

describe("GET /v2/animals/{id}", () => {
  test("returns the same object the search lists, and 404 for an unknown id", async () => {
    const list = await get(emulator, "/v2/animals?limit=1", bearer);
    const listed = list.body.animals[0];
    const one = await get(emulator, `/v2/animals/${listed.id}`, bearer);
    expect(one.status).toBe(200);
    expect(one.body.animal).toEqual(listed);
    expect((await get(emulator, "/v2/animals/1", bearer)).status).toBe(404);
    expect((await get(emulator, `/v2/animals/${listed.id + 1}`, bearer)).status).toBe(404);
    expect((await get(emulator, "/v2/animals/abc", bearer)).status).toBe(404);
  });
});

describe("organizations", () => {
  const ORG_KEYS = [
    "id",
    "name",
    "email",
    "phone",
    "address",
    "hours",
    "url",
    "website",
    "mission_statement",
    "adoption",
    "social_media",
    "photos",
    "distance",
    "_links",
  ];

  test("lists organizations with their keys and paging, and finds one by lower-case id", async () => {
    const res = await get(emulator, "/v2/organizations?limit=5", bearer);
    expect(res.status).toBe(200);
    expect(res.body.organizations).toHaveLength(5);
    const org = res.body.organizations[0];
    expect(Object.keys(org)).toEqual(ORG_KEYS);
    expect(org._links.animals.href).toBe(`/v2/animals?organization=${org.id.toLowerCase()}`);
    expect(res.body.pagination._links.next.href).toBe("/v2/organizations?limit=5&page=2");
    const one = await get(emulator, `/v2/organizations/${org.id.toLowerCase()}`, bearer);
    expect(one.body.organization).toEqual(org);
    expect((await get(emulator, "/v2/organizations/ABC1234", bearer)).status).toBe(404);
  });

  test("filters by state, country, name and query, and sorts by name", async () => {
    const ca = await get(emulator, "/v2/organizations?country=CA&limit=100", bearer);
    expect(ca.body.organizations.every((o: { address: { country: string } }) => o.address.country === "CA")).toBe(true);
    const tx = await get(emulator, "/v2/organizations?state=tx&sort=-name&limit=100", bearer);
    const names = tx.body.organizations.map((o: { name: string }) => o.name.toLowerCase());
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual([...names].sort().reverse());
    expect(tx.body.organizations.every((o: { address: { state: string } }) => o.address.state === "TX")).toBe(true);
    const named = await get(emulator, "/v2/organizations?name=rescue&limit=100", bearer);
    expect(named.body.organizations.every((o: { name: string }) => /rescue/i.test(o.name))).toBe(true);
    const query = await get(emulator, "/v2/organizations?query=houston&limit=100", bearer);
    expect(query.body.organizations.every((o: { address: { city: string } }) => o.address.city === "Houston")).toBe(true);
  });

  test.each([
    ["country=Neverland", "country"],
    ["state=XX", "state"],
    ["sort=size", "sort"],
    ["limit=500", "limit"],
  ])("answers 400 invalid-params for %s", async (query, path) => {
    const res = await get(emulator, `/v2/organizations?${query}`, bearer);
    expect(res.status).toBe(400);
    expect(res.body["invalid-params"][0].path).toBe(path);
  });
});

describe("routing", () => {
  test("unknown API routes 404 and other methods 405", async () => {
    expect((await get(emulator, "/v2/nothing", bearer)).status).toBe(404);
    expect((await get(emulator, "/v2/types/%E0%A4%A", bearer)).status).toBe(404);
    const res = await fetch(`${emulator.url}/v2/animals`, { method: "DELETE", headers: { authorization: `Bearer ${bearer}` } });
    expect(res.status).toBe(405);
    await res.arrayBuffer();
  });

  test("stats count requests by route and status", async () => {
    const before = (await get(emulator, "/_emulator/stats")).body;
    await get(emulator, "/v2/types/elephant", bearer);
    const after = (await get(emulator, "/_emulator/stats")).body;
    const was = before.routes["GET /v2/types/{type}"]?.["404"] ?? 0;
    expect(after.routes["GET /v2/types/{type}"]["404"]).toBe(was + 1);
    expect(after.requests).toBeGreaterThan(before.requests);
    expect(emulator.stats().routes["GET /v2/types/{type}"]!["404"]).toBe(was + 1);
  });

  test("every cat breed has adoptable animals even at small scale", async () => {
    const cat = ANIMAL_TYPES.find((t) => t.slug === "cat")!;
    for (const breed of cat.breeds) {
      const res = await get(emulator, `/v2/animals?type=cat&breed=${encodeURIComponent(breed)}&limit=1`, bearer);
      expect(res.body.pagination.total_count, breed).toBeGreaterThan(0);
    }
  });
});
