import { expect, test } from "vitest";
import { fromV1Photos, selectPhotoUrl, type V1Photo } from "./index.js";

const v1 = (id: number, n: number, code: string, width: number): V1Photo => ({
  "@size": code,
  "@id": String(n),
  $t: `http://photos.petfinder.com/photos/pets/${id}/${n}/?bust=1528000000&width=${width}&-${code}.jpg`,
});

test("groups v1's five sizes per photo into v2 variants, ordered by @id", () => {
  const flat = [2, 1].flatMap((n) => [v1(41, n, "t", 50), v1(41, n, "pnt", 60), v1(41, n, "fpm", 95), v1(41, n, "pn", 300), v1(41, n, "x", 500)]);
  const photos = fromV1Photos(flat);
  expect(photos).toEqual([
    { small: v1(41, 1, "fpm", 95).$t, medium: v1(41, 1, "pn", 300).$t, large: v1(41, 1, "x", 500).$t },
    { small: v1(41, 2, "fpm", 95).$t, medium: v1(41, 2, "pn", 300).$t, large: v1(41, 2, "x", 500).$t },
  ]);
  // The write-up's choice: the 500 px variant.
  expect(selectPhotoUrl(photos[0]!)).toMatchObject({ ok: true, size: "large", parsed: { width: 500, v1SizeCode: "x" } });
});

test.each([
  [null, []],
  [undefined, []],
  [[{ "@size": "x", "@id": "1", $t: 5 }], []],
  [[{ "@size": "huge", "@id": "1", $t: "http://x/" }], []],
  [[null, { "@size": "x", "@id": "nope", $t: "http://x/" }], []],
])("ignores unusable v1 input %j", (input, expected) => {
  expect(fromV1Photos(input as V1Photo[])).toEqual(expected);
});
