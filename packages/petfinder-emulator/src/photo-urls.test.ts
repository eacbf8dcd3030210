import { describe, expect, test } from "vitest";
import { createDataset, FLAG_NEW_PHOTO_URLS } from "./dataset.js";
import { PHOTO_SIZES } from "./photo-sizes.js";
import { photoUrl, resolvePhotoPath } from "./photo-urls.js";

const data = createDataset(3, 0.005);
const withPhotos = (newShape: boolean) => {
  for (let i = 0; i < data.count; i++) {
    if (data.photos[i]! >= 2 && ((data.flags[i]! & FLAG_NEW_PHOTO_URLS) !== 0) === newShape) return i;
  }
  throw new Error("no animal with two photos");
};

describe("photo URLs", () => {
  test.each([[false], [true]])("every size of a photo resolves back to it (new shape: %s)", (newShape) => {
    const index = withPhotos(newShape);
    for (const size of PHOTO_SIZES) {
      const url = new URL(photoUrl("http://127.0.0.1:1", data, index, 1, size));
      expect(resolvePhotoPath(data, url.pathname, url.searchParams.get("width"))).toEqual({ index, photo: 1, size });
    }
    const second = new URL(photoUrl("http://127.0.0.1:1", data, index, 2, "crop"));
    expect(resolvePhotoPath(data, second.pathname, second.searchParams.get("width"))).toBeUndefined();
  });

  test.each([
    ["/photos/pets/123/1/", "600"],
    ["/photos/pets/abc/1/", null],
    ["/animal/x/image/y.jpg", null],
    ["/favicon.ico", null],
  ])("%s (width %s) is not a listed photo", (path, width) => {
    expect(resolvePhotoPath(data, path, width)).toBeUndefined();
  });

  test("the old shape matches the CDN's, with width only on sized variants", () => {
    const index = withPhotos(false);
    const id = data.ids[index];
    expect(photoUrl("http://h", data, index, 1, "small")).toMatch(new RegExp(`^http://h/photos/pets/${id}/1/\\?bust=\\d+&width=100$`));
    expect(photoUrl("http://h", data, index, 1, "full")).toMatch(new RegExp(`^http://h/photos/pets/${id}/1/\\?bust=\\d+$`));
  });
});
