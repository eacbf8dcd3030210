// The bulk CDN of @cat-harvest/emulator-kit as a command, for the million section: serves
// /_bulk/<n>.jpg for any n on 127.0.0.1 in its own process, so its CPU is never the tool's.
// Usage: node runners/bulk-cdn.mjs [--port N] [--seed N] [--latency-ms N]
import { parseFlags, runEmulatorCommand, startBulkCdn } from "@cat-harvest/emulator-kit";

const FLAGS = { port: { type: "string" }, seed: { type: "string" }, "latency-ms": { type: "string" }, help: { type: "boolean" } };
const HELP = "Usage: node runners/bulk-cdn.mjs [--port N] [--seed N] [--latency-ms N]\nServes /_bulk/<n>.jpg for any n on 127.0.0.1.\n";

await runEmulatorCommand({
  name: "bulk-cdn",
  help: HELP,
  parse(argv) {
    const values = parseFlags(argv, FLAGS, "bulk-cdn");
    if (values.help) return { help: true };
    const number = (flag) => (values[flag] === undefined ? undefined : Number(values[flag]));
    return { help: false, options: { host: "127.0.0.1", port: number("port"), seed: number("seed"), latencyMs: number("latency-ms") } };
  },
  start: (options) => startBulkCdn(options),
});
