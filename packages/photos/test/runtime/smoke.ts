import assert from "node:assert/strict";
import {
  PhotoUrlError,
  breedCountsToCsv,
  breedFolderName,
  canonicalBreed,
  canonicalPhotoUrl,
  animalPhotoRows,
  createContentDeduper,
  parsePhotoUrl,
  tryParsePhotoUrl,
  type AnimalLike,
} from "@cat-harvest/photos";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

const CF = "https://dl5zpyw5k3jeb.cloudfront.net";

export const cases: SmokeCase[] = [
  {
    name: "photos: parses both CDN shapes and v1, canonicalises, refuses junk with a typed error",
    fn() {
      assert.equal(parsePhotoUrl(`${CF}/photos/pets/7/2/?bust=1&width=600`).size, "large");
      assert.equal(parsePhotoUrl("https://dbw3zep4prcju.cloudfront.net/animal/a-1/image/b-2.jpg?versionId=V&bust=1").size, "full");
      assert.equal(parsePhotoUrl("http://photos.petfinder.com/photos/pets/7/1/?bust=1&width=95&-fpm.jpg").size, "small");
      assert.equal(canonicalPhotoUrl(`HTTPS://DL5ZPYW5K3JEB.cloudfront.net:443/photos/pets/7/2?width=100&bust=9`), `${CF}/photos/pets/7/2/`);
      const bad = tryParsePhotoUrl("javascript:alert(1)");
      assert.ok(!bad.ok && bad.error instanceof PhotoUrlError && bad.error.problem === "unsupported-protocol");
    },
  },
  {
    name: "photos: breed folders match the write-up and the same hashes as on Node",
    fn() {
      assert.equal(breedFolderName("Extra-Toes Cat / Hemingway Polydactyl"), "Extra-Toes_Cat__Hemingway_Polydactyl");
      assert.equal(breedFolderName("Sphynx / Hairless Cat"), "Sphynx__Hairless_Cat");
      assert.equal(breedFolderName("CON"), "CON~021hqydvq3");
      assert.equal(breedFolderName("Tabby/Tiger"), "Tabby_Tiger~wt4xatvebs");
      assert.equal(breedFolderName("e\u0301"), "é~1pqqjjt13e");
    },
  },
  {
    name: "photos: turns animals into rows under each breed, written out as breeds.csv",
    async fn() {
      const animals: AnimalLike[] = [1, 2].map((id) => ({
        id,
        breeds: { primary: "Domestic Short Hair", secondary: id === 1 ? "Tabby" : null },
        photos: [{ full: `${CF}/photos/pets/${id}/1/?bust=${id}` }],
      }));
      const keys = animals.flatMap((animal) => animalPhotoRows(animal).map((row) => row.key));
      assert.deepEqual(keys, ["Domestic_Short_Hair/1-1.jpg", "Tabby/1-1.jpg", "Domestic_Short_Hair/2-1.jpg"]);
      const counts = [
        { breed: "Domestic Short Hair", folder: "Domestic_Short_Hair", images: 2 },
        { breed: "Tabby", folder: "Tabby", images: 1 },
      ];
      assert.equal(breedCountsToCsv(counts), "breed,folder,images\nDomestic Short Hair,Domestic_Short_Hair,2\nTabby,Tabby,1\n");
      const dedupe = createContentDeduper();
      assert.equal(dedupe.isDuplicate("ab".repeat(32), { key: "Tabby/1-1.jpg" }), false);
      assert.equal(dedupe.isDuplicate("ab".repeat(32), { key: "Tabby/9-1.jpg" }), true);
    },
  },
  {
    name: "photos: one canonical breed across Petfinder, RescueGroups and The Cat API",
    fn() {
      assert.deepEqual(canonicalBreed("thecatapi", "siam"), canonicalBreed("petfinder", "Siamese"));
      assert.deepEqual(canonicalBreed("rescuegroups", "Sphynx (hairless cat)"), {
        name: "Sphynx / Hairless Cat",
        folder: "Sphynx__Hairless_Cat",
        colour: false,
      });
      assert.equal(canonicalBreed("rescuegroups", "TABBY").colour, true);
      assert.equal(canonicalBreed("petfinder", "Khao Plong").folder, "Khao_Plong");
    },
  },
];
