import { describe, expect, test } from "vitest";
import { PhotoUrlError, PhotosError, canonicalPhotoUrl, parsePhotoUrl, tryParsePhotoUrl } from "./index.js";

const CF = "https://dl5zpyw5k3jeb.cloudfront.net";
const NEW = "https://dbw3zep4prcju.cloudfront.net";
const UUID_A = "0b6f3c1e-7d2a-4f4e-9a51-2c8e6d1f0a93";
const UUID_I = "9c2d4e11-5b7a-4c3d-8e2f-1a0b9c8d7e6f";
const VERSION = "Qx8JtW2nYp4Lk7Vd0Rb3Hs6Gf9Ua1Mc5";

describe("parsePhotoUrl: shapes and sizes", () => {
  test.each([
    // [label, url, shape, animalId, slot, width, size]
    ["2019-2024 CDN small", `${CF}/photos/pets/71234567/1/?bust=1718000000&width=100`, "pets", 71234567, 1, 100, "small"],
    ["2019-2024 CDN medium", `${CF}/photos/pets/71234567/2/?bust=1718000000&width=300`, "pets", 71234567, 2, 300, "medium"],
    ["2019-2024 CDN large", `${CF}/photos/pets/71234567/3/?bust=1718000000&width=600`, "pets", 71234567, 3, 600, "large"],
    ["2019-2024 CDN full (no width)", `${CF}/photos/pets/71234567/4/?bust=1718000000`, "pets", 71234567, 4, null, "full"],
    ["crop medium (450)", `${CF}/photos/pets/71234567/1/?bust=1718000000&width=450`, "pets", 71234567, 1, 450, "medium"],
    ["2020 /crop/ path", `${CF}/photos/pets/71234567/1/crop/?bust=1718000000&width=300`, "pets", 71234567, 1, 300, "medium"],
    ["2018 beta host", "https://photos.petfinder.com/photos/pets/42000001/1/?bust=1540000000&width=600", "pets", 42000001, 1, 600, "large"],
    ["no trailing slash", `${CF}/photos/pets/5/6?width=600`, "pets", 5, 6, 600, "large"],
    ["v1 x (500)", "http://photos.petfinder.com/photos/pets/41000001/1/?bust=1528000000&width=500&-x.jpg", "pets", 41000001, 1, 500, "large"],
    ["v1 pn (300)", "http://photos.petfinder.com/photos/pets/41000001/1/?bust=1528000000&width=300&-pn.jpg", "pets", 41000001, 1, 300, "medium"],
    ["v1 fpm (95)", "http://photos.petfinder.com/photos/pets/41000001/1/?bust=1528000000&width=95&-fpm.jpg", "pets", 41000001, 1, 95, "small"],
    ["v1 pnt (60)", "http://photos.petfinder.com/photos/pets/41000001/1/?bust=1528000000&width=60&-pnt.jpg", "pets", 41000001, 1, 60, "small"],
    ["v1 t (50)", "http://photos.petfinder.com/photos/pets/41000001/1/?bust=1528000000&width=50&-t.jpg", "pets", 41000001, 1, 50, "small"],
    ["v1 code without width", "http://photos.petfinder.com/photos/pets/41000001/3/?bust=1&-x.jpg", "pets", 41000001, 3, 500, "large"],
    [
      "new CDN .jpg large",
      `${NEW}/animal/${UUID_A}/image/${UUID_I}.jpg?versionId=${VERSION}&bust=1730000000&width=600`,
      "animal-image",
      null,
      null,
      600,
      "large",
    ],
    [
      "new CDN .jpeg small",
      `${NEW}/animal/${UUID_A}/image/${UUID_I}.jpeg?versionId=${VERSION}&bust=1730000000&width=100`,
      "animal-image",
      null,
      null,
      100,
      "small",
    ],
    ["new CDN full", `${NEW}/animal/${UUID_A}/image/${UUID_I}.jpg?versionId=${VERSION}&bust=1730000000`, "animal-image", null, null, null, "full"],
    ["organisation photo", `${CF}/organization-photos/12345/1/?bust=1&width=300`, "organization", null, 1, 300, "medium"],
    ["emulator loopback, pets path", "http://127.0.0.1:54321/photos/pets/7/2/?bust=1&width=600", "pets", 7, 2, 600, "large"],
    [
      "emulator loopback, image path",
      `http://localhost:8080/animal/${UUID_A}/image/${UUID_I}.jpg?versionId=v&bust=1&width=300`,
      "animal-image",
      null,
      null,
      300,
      "medium",
    ],
    ["another host and path", "https://example.org/cats/pepper.jpg?width=640", "other", null, null, 640, "large"],
  ])("%s", (_label, url, shape, animalId, slot, width, size) => {
    const parsed = parsePhotoUrl(url);
    expect(parsed).toMatchObject({ shape, animalId, slot, width, size });
  });

  test("keeps bust and width in href (the URL to fetch) and drops only the fragment", () => {
    const parsed = parsePhotoUrl(`${CF}/photos/pets/1/1/?bust=9&width=600#top`);
    expect(parsed.href).toBe(`${CF}/photos/pets/1/1/?bust=9&width=600`);
    expect(parsed.canonical).toBe(`${CF}/photos/pets/1/1/`);
  });

  test("reads the image uuid, the crop flag and the v1 code", () => {
    expect(parsePhotoUrl(`${NEW}/animal/${UUID_A}/image/${UUID_I.toUpperCase()}.JPG?width=1`).imageId).toBe(UUID_I);
    expect(parsePhotoUrl(`${CF}/photos/pets/1/1/crop/?width=300`).crop).toBe(true);
    expect(parsePhotoUrl("http://photos.petfinder.com/photos/pets/1/1/?width=60&-pnt.jpg").v1SizeCode).toBe("pnt");
  });
});

describe("canonicalPhotoUrl", () => {
  test.each([
    ["sizes differ only in width", `${CF}/photos/pets/9/1/?bust=1&width=100`, `${CF}/photos/pets/9/1/?bust=1`],
    ["bust differs", `${CF}/photos/pets/9/1/?bust=1&width=600`, `${CF}/photos/pets/9/1/?bust=2&width=600`],
    ["host case", "https://DL5ZPYW5K3JEB.CloudFront.NET/photos/pets/9/1/?width=600", `${CF}/photos/pets/9/1/`],
    ["default https port", "https://dl5zpyw5k3jeb.cloudfront.net:443/photos/pets/9/1/", `${CF}/photos/pets/9/1/`],
    ["default http port", "http://photos.petfinder.com:80/photos/pets/9/1/", "http://photos.petfinder.com/photos/pets/9/1/"],
    ["trailing dot of the host", "https://dl5zpyw5k3jeb.cloudfront.net./photos/pets/9/1/", `${CF}/photos/pets/9/1/`],
    ["missing trailing slash", `${CF}/photos/pets/9/1?width=600`, `${CF}/photos/pets/9/1/`],
    ["leading zeros in the slot", `${CF}/photos/pets/9/01/`, `${CF}/photos/pets/9/1/`],
    ["fragment", `${CF}/photos/pets/9/1/#x`, `${CF}/photos/pets/9/1/`],
    ["v1 size codes", "http://photos.petfinder.com/photos/pets/9/1/?bust=1&width=500&-x.jpg", "http://photos.petfinder.com/photos/pets/9/1/?width=95&-fpm.jpg"],
    ["query order", `${NEW}/animal/a/image/b.jpg?versionId=V&bust=1&width=600`, `${NEW}/animal/a/image/b.jpg?width=100&bust=2&versionId=V`],
    ["percent-escape case and unreserved escapes", "https://example.org/a%2fb/%7Ecat.jpg", "https://example.org/a%2Fb/~cat.jpg"],
    ["surrounding white space", `  ${CF}/photos/pets/9/1/?width=600\n`, `${CF}/photos/pets/9/1/`],
  ])("treats URLs as one photo when only %s", (_label, a, b) => {
    expect(canonicalPhotoUrl(a)).toBe(canonicalPhotoUrl(b));
  });

  test.each([
    ["another slot", `${CF}/photos/pets/9/1/`, `${CF}/photos/pets/9/2/`],
    ["another animal", `${CF}/photos/pets/9/1/`, `${CF}/photos/pets/10/1/`],
    ["a crop", `${CF}/photos/pets/9/1/`, `${CF}/photos/pets/9/1/crop/`],
    ["another versionId", `${NEW}/animal/a/image/b.jpg?versionId=V1`, `${NEW}/animal/a/image/b.jpg?versionId=V2`],
    ["another port", "http://127.0.0.1:8001/photos/pets/9/1/", "http://127.0.0.1:8002/photos/pets/9/1/"],
    ["another host", `${CF}/photos/pets/9/1/`, "https://photos.petfinder.com/photos/pets/9/1/"],
  ])("keeps URLs apart that differ by %s", (_label, a, b) => {
    expect(canonicalPhotoUrl(a)).not.toBe(canonicalPhotoUrl(b));
  });
});

describe("invalid photo URLs", () => {
  test.each([
    ["", "empty"],
    ["   ", "empty"],
    ["not a url", "unparsable"],
    ["/photos/pets/1/1/?width=600", "unparsable"],
    ["//dl5zpyw5k3jeb.cloudfront.net/photos/pets/1/1/", "unparsable"],
    ["https://", "unparsable"],
    ["http://[::1", "unparsable"],
    [`https://example.org/${"x".repeat(9000)}`, "unparsable"],
    ["ftp://photos.petfinder.com/photos/pets/1/1/", "unsupported-protocol"],
    ["javascript:alert(1)", "unsupported-protocol"],
    ["data:image/jpeg;base64,AAAA", "unsupported-protocol"],
    ["file:///etc/passwd", "unsupported-protocol"],
    [`${CF}/photos/pets/1/1/?width=abc`, "bad-width"],
    [`${CF}/photos/pets/1/1/?width=0`, "bad-width"],
    [`${CF}/photos/pets/1/1/?width=-600`, "bad-width"],
    [`${CF}/photos/pets/1/1/?width=6e2`, "bad-width"],
    [`${CF}/photos/pets/1/1/?width=`, "bad-width"],
  ])("refuses %j as %s", (url, problem) => {
    const result = tryParsePhotoUrl(url);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(PhotoUrlError);
    expect(PhotosError.isInstance(result.error)).toBe(true);
    expect(result.error.problem).toBe(problem);
    expect(result.error.message).toMatch(/^Parsing photo URL /);
    expect(() => parsePhotoUrl(url)).toThrow(PhotoUrlError);
  });

  test.each([[null], [undefined], [42], [{ href: "https://x/" }]])("refuses the non-string %j with a PhotoUrlError", (value) => {
    const result = tryParsePhotoUrl(value as unknown as string);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.problem).toBe("not-a-string");
  });

  test("refuses credentials without repeating them", () => {
    const result = tryParsePhotoUrl("https://admin:hunter2@dl5zpyw5k3jeb.cloudfront.net/photos/pets/1/1/");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problem).toBe("has-credentials");
    expect(result.error.message).not.toContain("hunter2");
    expect(result.error.url).not.toContain("hunter2");
  });
});
