// The harvest's API phase with @cat-harvest/petfinder alone: every cat breed's records,
// `--per-breed` a breed, `--breed-concurrency` breeds at once (as the harvest does), at the
// client's ceiling `--rps` (default: the client's own default). Prints one JSON line.
import { parseArgs } from "node:util";
import { createPetfinderClient } from "@cat-harvest/petfinder";

const { values } = parseArgs({
  options: {
    "api-url": { type: "string" },
    rps: { type: "string" },
    "per-breed": { type: "string", default: "1500" },
    "breed-concurrency": { type: "string", default: "4" },
  },
});
let requests = 0;
const client = createPetfinderClient({
  clientId: "demo",
  clientSecret: "demo",
  baseUrl: values["api-url"],
  ...(values.rps ? { requestsPerSecond: Number(values.rps) } : {}),
  onRequest: () => void requests++,
});
const started = performance.now();
const breeds = (await client.breeds("cat")).map((b) => b.name);
const perBreed = Number(values["per-breed"]);
let records = 0;
let next = 0;
const worker = async () => {
  while (next < breeds.length) {
    const breed = breeds[next++];
    for await (const _ of client.searchAnimals({ type: "cat", breed }, { maxRecords: perBreed })) records++;
  }
};
await Promise.all(Array.from({ length: Number(values["breed-concurrency"]) }, worker));
console.log(JSON.stringify({ breeds: breeds.length, records, requests, seconds: (performance.now() - started) / 1000 }));
