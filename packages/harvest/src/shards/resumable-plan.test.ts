import { createMemoryStorage } from "@cat-harvest/storage";
import { expect, test } from "vitest";
import { identifyInput } from "./input-identity.js";
import { listRows } from "./list-rows.js";
import { resumablePlan, withColumns } from "./resumable-plan.js";
import { planShards } from "./shard-plan.js";
import { claimShardPlan } from "./store-plan.js";

const list = "url,breed\nhttps://a.test/1.jpg,tabby\nhttps://a.test/2.jpg,manx\n";
const stream = (text: string) => new Response(text).body!;

/** DEST holding the plan of `list` read by its `breed` column. */
async function planned() {
  const storage = createMemoryStorage();
  const counted = identifyInput(stream(list), "urls.csv");
  const plan = await planShards({
    rows: listRows(counted.body, "urls.csv", { labelColumn: "breed" }),
    format: "webdataset",
    shardSize: 10,
    input: () => ({ ...counted.identity(), ...withColumns({ labelColumn: "breed" }) }),
  });
  await claimShardPlan(storage, plan);
  return { storage, plan };
}

const options = { format: "webdataset" as const, shardSize: 10, columns: { labelColumn: "breed" }, inputName: "urls.csv" };

test("an unchanged re-run gets the stored plan from one hashing read, without parsing a row", async () => {
  const { storage, plan } = await planned();
  expect(plan).toMatchObject({ rows: 2, labels: ["manx", "tabby"], input: { columns: { labelColumn: "breed" } } });
  let opened = 0;
  const resumed = await resumablePlan({ storage, ...options, open: () => (opened++, stream(list)) });
  expect(resumed).toEqual(plan);
  expect(opened).toBe(1);
});

test("another list, other columns, format or shard size get no stored plan (the pre-pass runs and is checked)", async () => {
  const { storage } = await planned();
  const open = () => stream(list);
  expect(await resumablePlan({ storage, ...options, open: () => stream(`${list}https://a.test/3.jpg,manx\n`) })).toBeUndefined();
  expect(await resumablePlan({ storage, ...options, columns: {}, open })).toBeUndefined();
  expect(await resumablePlan({ storage, ...options, format: "files", open })).toBeUndefined();
  expect(await resumablePlan({ storage, ...options, shardSize: 11, open })).toBeUndefined();
  expect(await resumablePlan({ storage: createMemoryStorage(), ...options, open })).toBeUndefined();
});
