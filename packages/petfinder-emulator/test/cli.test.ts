import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describeEmulatorCommand } from "../../../tooling/test/emulator-command.ts";

describeEmulatorCommand({
  name: "petfinder-emulator",
  cli: fileURLToPath(new URL("../src/cli.ts", import.meta.url)),
  serves: {
    args: ["--port", "0", "--scale", "0.005", "--seed", "2"],
    what: "serves the API there",
    async check(url) {
      const res = await fetch(`${url}/v2/oauth2/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: "demo", client_secret: "demo" }),
      });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
    },
  },
  badArgs: [
    [["--scale", "lots"], "--scale must be a number"],
    [["--unknown"], "Unknown option '--unknown'"],
    [["--fault-rate", "1.5"], "--fault-rate must be a number from 0 to 1"],
  ],
  helpFlags: ["--host", "--port", "--seed", "--scale", "--latency-ms", "--fault-rate", "--rate-limit", "--daily-limit", "--client-id", "--client-secret"],
});
