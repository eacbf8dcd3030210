import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describeEmulatorCommand } from "../../../tooling/test/emulator-command.ts";

describeEmulatorCommand({
  name: "rescuegroups-emulator",
  cli: fileURLToPath(new URL("../src/cli.ts", import.meta.url)),
  serves: {
    args: ["--port", "0", "--scale", "0.005", "--api-keys", "k1,k2"],
    what: "serves v5 under /v5 there with the keys given",
    async check(url) {
      const res = await fetch(`${url}/v5/public/animals/search/available/cats/haspic?include=pictures&limit=3`, { headers: { authorization: "k2" } });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).data.length, 3);
      assert.equal((await fetch(`${url}/v5/public/animals/breeds`, { headers: { authorization: "demo" } })).status, 401);
    },
  },
  badArgs: [
    [["--scale", "lots"], "--scale must be a number"],
    [["--unknown"], "Unknown option '--unknown'"],
    [["--daily-limit", "-1"], "--daily-limit must be an integer from 0"],
    [["--api-keys", ","], "--api-keys takes a comma-separated list"],
  ],
  helpFlags: ["--port", "--seed", "--scale", "--fault-rate", "--rate-limit", "--daily-limit", "--api-keys", "--stall-ms"],
});
