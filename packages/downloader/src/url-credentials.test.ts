import { createMemoryStorage } from "@cat-harvest/storage";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { makeJpeg } from "../test/helpers/images.js";
import { sendBytes, startTestServer, type TestServer } from "../test/helpers/test-server.js";
import { createDownloader, type DownloadEvent } from "./index.js";

const JPEG = makeJpeg(16, 16, 1);
const PASSWORD = "pa:ss wörd";
const expected = `Basic ${Buffer.from(`ann:${PASSWORD}`).toString("base64")}`;

let server: TestServer;
let other: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  other = await startTestServer();
  const guarded = (path: string) =>
    server.route(path, (req, res) => {
      if (req.headers.authorization !== expected) res.writeHead(401, { "www-authenticate": 'Basic realm="cats"' }).end();
      else sendBytes(res, JPEG);
    });
  guarded("/cat.jpg");
  guarded("/moved.jpg");
  server.route("/same-origin.jpg", (_req, res) => void res.writeHead(302, { location: "/moved.jpg" }).end());
  server.route("/elsewhere.jpg", (_req, res) => void res.writeHead(302, { location: `${other.url}/cat.jpg` }).end());
  other.route("/cat.jpg", (_req, res) => sendBytes(res, JPEG));
});
afterAll(async () => {
  await server.close();
  await other.close();
});

/** `http://ann:<password>@127.0.0.1:port/path`, the password percent-encoded as a URL holds it. */
const withCredentials = (path: string) => server.url.replace("//", `//ann:${encodeURIComponent(PASSWORD)}@`) + path;

async function run(jobs: { url: string; key: string }[]) {
  const events: DownloadEvent[] = [];
  const storage = createMemoryStorage();
  await createDownloader({ storage, retryBaseDelayMs: 1, retryMaxDelayMs: 2, onEvent: (e) => void events.push(e) }).run(jobs);
  return { storage, events };
}

describe("a URL with user name and password", () => {
  test("is fetched with Basic authorization built from them, following a same-origin redirect", async () => {
    const { storage, events } = await run([
      { url: withCredentials("/cat.jpg"), key: "a.jpg" },
      { url: withCredentials("/same-origin.jpg"), key: "b.jpg" },
    ]);
    expect(
      events
        .filter((e) => e.type === "done")
        .map((e) => e.key)
        .sort(),
    ).toEqual(["a.jpg", "b.jpg"]);
    expect(storage.objects.get("a.jpg")?.byteLength).toBe(JPEG.byteLength);
  });

  test("does not carry the credentials to another origin a redirect points to", async () => {
    await run([{ url: withCredentials("/elsewhere.jpg"), key: "c.jpg" }]);
    expect(other.lastHeaders.get("/cat.jpg")?.authorization).toBeUndefined();
  });

  test("never shows the password in a failure's message or fields", async () => {
    const wrong = server.url.replace("//", "//ann:wr0ng-s3cret@") + "/cat.jpg";
    const unreachable = "http://ann:wr0ng-s3cret@127.0.0.1:9/cat.jpg";
    const { events } = await run([
      { url: wrong, key: "d.jpg" },
      { url: unreachable, key: "e.jpg" },
    ]);
    const failures = events.filter((e) => e.type === "failed" || e.type === "retry");
    expect(failures.length).toBeGreaterThanOrEqual(2);
    const shown = JSON.stringify(failures.map((e) => ("message" in e ? e.message : "")));
    expect(shown).not.toContain("wr0ng-s3cret");
    expect(shown).toContain("GET http://127.0.0.1:9/cat.jpg");
  });
});
