import { BREEDS_FILE, countBreeds, FAILURES_FILE, METADATA_FILE, SOURCES_FILE, type FailureRow, type MetadataRow } from "@cat-harvest/harvest";
import { breedCountsToCsv, breedFolderName } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";
import sharp from "sharp";
import type { Thumbnailer } from "@cat-harvest/report";

/** Breeds of the fixture and their photos; one name tries to break out of the HTML. */
export const FIXTURE_BREEDS: ReadonlyArray<readonly [string, number]> = [
  ["Bengal", 30],
  ['<img src=x onerror=alert(1)> "Siamese" & co', 3],
  ["Maine Coon", 5],
];
/** A failure whose URL carries credentials, which the report must never show. */
export const SECRET_URL = "https://user:hunter2@cdn.example.test/a.jpg?api_key=s3cr3t";

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A real JPEG, each one different. */
export async function photo(n: number): Promise<Uint8Array> {
  const background = { r: (n * 37) % 256, g: (n * 91) % 256, b: (n * 53) % 256 };
  return new Uint8Array(
    await sharp({ create: { width: 320 + n, height: 240, channels: 3, background } })
      .jpeg()
      .toBuffer(),
  );
}

const lines = (rows: readonly object[]) => new TextEncoder().encode(rows.map((r) => `${JSON.stringify(r)}\n`).join(""));

/** Writes a small data set in the files layout, as a harvest leaves it, into `storage`. */
export async function writeFixtureDataset(storage: StorageAdapter): Promise<MetadataRow[]> {
  const rows: MetadataRow[] = [];
  let n = 0;
  for (const [breed, count] of FIXTURE_BREEDS) {
    for (let i = 0; i < count; i++, n++) {
      const bytes = await photo(n);
      const file_name = `${breedFolderName(breed)}/${1000 + n}-1.jpg`;
      await storage.put(file_name, bytes);
      const row = { file_name, breed, animal_id: 1000 + n, source: "petfinder", source_id: 1000 + n, photo: 1 };
      rows.push({
        ...row,
        source_url: `https://photos.example.test/${n}.jpg`,
        bytes: bytes.byteLength,
        sha256: await sha256(bytes),
        width: 320 + n,
        height: 240,
      });
    }
  }
  const failures: FailureRow[] = [
    { source_url: SECRET_URL, breed: "Bengal", animal_id: 1, reason: "http-404", attempts: 1 },
    { source_url: "https://photos.example.test/gone.jpg", breed: "Bengal", animal_id: 2, reason: "http-404", attempts: 1 },
    { source_url: "https://photos.example.test/cut.jpg", breed: "Maine Coon", animal_id: 3, reason: "truncated", attempts: 3 },
    { source_url: "https://photos.example.test/copy.jpg", breed: "Bengal", animal_id: 4, reason: "duplicate", duplicate_of: rows[0]!.file_name, attempts: 1 },
  ];
  await storage.put(METADATA_FILE, lines(rows));
  await storage.put(FAILURES_FILE, lines(failures));
  await storage.put(BREEDS_FILE, new TextEncoder().encode(breedCountsToCsv(countBreeds(rows))));
  await storage.put(
    SOURCES_FILE,
    new TextEncoder().encode(
      "# Sources of this data set\n\n<!-- source: petfinder -->\n## Petfinder (`petfinder`)\n\n- Terms: https://www.petfinder.com/developers/\n",
    ),
  );
  return rows;
}

/** Thumbnails as the command makes them, here as JPEG: real small images from sharp. */
export const fixtureThumbnailer: Thumbnailer = async (bytes, size) => {
  const { data, info } = await sharp(bytes).resize(size, size, { fit: "inside" }).jpeg({ quality: 70 }).toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), type: "image/jpeg", width: info.width, height: info.height };
};
