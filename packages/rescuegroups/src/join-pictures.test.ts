import { expect, test } from "vitest";
import { joinPictures } from "./join-pictures.js";
import type { AnimalsPageBody } from "./schemas.js";

const url = (id: string, width?: number) => `https://cdn.rescuegroups.org/105/pictures/animals/1/1/${id}.jpg${width ? `?width=${width}` : ""}`;

test("joins each animal's pictures from included through its relationships, in picture order, in both shapes", () => {
  const body: AnimalsPageBody = {
    meta: { count: 2 },
    data: [
      {
        type: "animals",
        id: "1",
        attributes: { name: "A" },
        relationships: {
          pictures: {
            data: [
              { type: "pictures", id: "p2" },
              { type: "pictures", id: "p1" },
            ],
          },
        },
      },
      { type: "animals", id: "2", relationships: { pictures: { data: [{ type: "pictures", id: "gone" }] } } },
    ],
    included: [
      { type: "orgs", id: "105" },
      { type: "pictures", id: "p1", attributes: { order: 1, original: { url: url("p1") }, large: { url: url("p1", 500) }, small: { url: url("p1", 100) } } },
      { type: "pictures", id: "p2", attributes: { order: 2, original: url("p2"), large: url("p2", 500) } },
    ],
  };
  const [first, second] = joinPictures(body);
  expect(first).toEqual({
    id: "1",
    attributes: { name: "A" },
    pictures: [
      { id: "p1", order: 1, original: url("p1"), large: url("p1", 500), small: url("p1", 100) },
      { id: "p2", order: 2, original: url("p2"), large: url("p2", 500), small: undefined },
    ],
  });
  expect(second).toEqual({ id: "2", attributes: {}, pictures: [] });
});

test("a page without data (nothing matched) has no animals", () => {
  expect(joinPictures({ meta: { count: 0 } })).toEqual([]);
});

test("pictures without an order keep the relationship's order, after the ordered ones", () => {
  const pictures = ["a", "b", "c"].map((id, i) => ({ type: "pictures" as const, id, attributes: { original: url(id), ...(i === 2 ? { order: 1 } : {}) } }));
  const body: AnimalsPageBody = {
    data: [{ type: "animals", id: "9", relationships: { pictures: { data: pictures.map(({ type, id }) => ({ type, id })) } } }],
    included: pictures,
  };
  expect(joinPictures(body)[0]!.pictures.map((p) => p.id)).toEqual(["c", "a", "b"]);
});
