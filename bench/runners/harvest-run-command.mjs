// Runs the harvest the way the apps do (`runCommand` from @cat-harvest/command), in a plain
// node process, for when apps/cli is not built. Arguments are the command's own.
import { runCommand } from "@cat-harvest/command";

const controller = new AbortController();
process.on("SIGINT", () => controller.abort(new Error("interrupted")));
process.exitCode = await runCommand(process.argv.slice(2), {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  signal: controller.signal,
  programName: "cat-harvest (bench, node)",
});
