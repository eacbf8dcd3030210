import { expect, test } from "vitest";
import { rescueGroupsCandidates, type RescueGroupsPhotoCandidate } from "../src/index.js";
import { testCats, testPicture } from "./helpers/v5-data.js";
import { withServer } from "./helpers/with-server.js";

test("a breed's cats over HTTP become photo candidates under canonical breeds, in picture order", async () => {
  const [sphynx, other] = testCats({ id: "300", name: "Sphynx (hairless cat)" }, 2, 7000, 3);
  const secondary = { ...other!, breedSecondary: "Tabby", pictures: [testPicture("7001", "b", 2, "string"), testPicture("7001", "a", 1)] };
  await withServer({ animals: [sphynx!, secondary] }, async ({ client }) => {
    const candidatesOf = rescueGroupsCandidates({ size: "large" });
    const candidates: RescueGroupsPhotoCandidate[] = [];
    for await (const cat of client.searchCats({ breedId: 300 })) candidates.push(...candidatesOf(cat));
    const large = (animal: string, picture: string) => `https://cdn.rescuegroups.org/105/pictures/animals/${animal}/${animal}/${picture}.jpg?width=500`;
    expect(candidates).toEqual([
      ...[1, 2, 3].map((photo) => ({ url: large("7000", `7000${photo}`), breed: "Sphynx / Hairless Cat", recordId: 7000, photo, size: "large" })),
      { url: large("7001", "a"), breed: "Sphynx / Hairless Cat", recordId: 7001, photo: 1, size: "large" },
      { url: large("7001", "b"), breed: "Sphynx / Hairless Cat", recordId: 7001, photo: 2, size: "large" },
      { url: large("7001", "a"), breed: "Tabby", recordId: 7001, photo: 1, size: "large" },
      { url: large("7001", "b"), breed: "Tabby", recordId: 7001, photo: 2, size: "large" },
    ]);
  });
});
