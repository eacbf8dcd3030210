import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describeEmulatorCommand } from "../../../tooling/test/emulator-command.ts";

describeEmulatorCommand({
  name: "thecatapi-emulator",
  cli: fileURLToPath(new URL("../src/cli.ts", import.meta.url)),
  serves: {
    args: ["--port", "0", "--scale", "0.005", "--api-keys", "k1,k2"],
    what: "serves the API under /v1 there",
    async check(url) {
      const res = await fetch(`${url}/v1/images/search?order=ASC&limit=3`, { headers: { "x-api-key": "k2" } });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).length, 3);
    },
  },
  badArgs: [
    [["--scale", "lots"], "--scale must be a number"],
    [["--unknown"], "Unknown option '--unknown'"],
    [["--monthly-limit", "-1"], "--monthly-limit must be an integer from 0"],
  ],
  helpFlags: ["--port", "--seed", "--scale", "--fault-rate", "--rate-limit", "--monthly-limit", "--api-keys", "--max-limit"],
});
