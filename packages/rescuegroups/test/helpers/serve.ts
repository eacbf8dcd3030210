// Starts the v5 test server for trying the README's example by hand:
//   npx tsx packages/rescuegroups/test/helpers/serve.ts [--port 8080]
// It holds a few cats of each test breed (pictures in both shapes) and accepts the key it prints.
import process from "node:process";
import { TEST_BREEDS, testCats, testPicture } from "./v5-data.ts";
import { startRescueGroupsTestServer } from "./v5-server.ts";

const at = process.argv.indexOf("--port");
const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
const animals = TEST_BREEDS.flatMap((breed, b) =>
  testCats(breed, 12, 10_000 * (b + 1), 3).map((cat, i) =>
    i % 4 === 1 ? { ...cat, breedSecondary: "Tabby", pictures: [testPicture(cat.id, `${cat.id}9`, 1, "string"), ...cat.pictures.slice(1)] } : cat,
  ),
);
const server = await startRescueGroupsTestServer({ animals, port, apiKey: "demo-key" });
console.log(`RescueGroups v5 test server on ${server.url} (API key "demo-key"); Ctrl-C stops it`);
process.on("SIGINT", () => void server.stop().then(() => process.exit(0)));
