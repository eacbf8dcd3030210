// cat-harvest as a Deno script: the same harvest as the Bun CLI, with only the permissions
// it needs. It reads the arguments and a few environment variables and calls
// @cat-harvest/command; nothing of the pipeline lives here. See README.md for the commands.
import { createPipeOutput, EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, runCommand } from "@cat-harvest/command";

/** The variables read, each only when --allow-env grants it. */
const ENV_NAMES = [
  "PETFINDER_CLIENT_ID",
  "PETFINDER_CLIENT_SECRET",
  "RESCUEGROUPS_API_KEY",
  "THECATAPI_API_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_S3",
  "AWS_S3_FORCE_PATH_STYLE",
];

function readEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const name of ENV_NAMES) {
    if (Deno.permissions.querySync({ name: "env", variable: name }).state === "granted") env[name] = Deno.env.get(name);
  }
  return env;
}

const controller = new AbortController();
// `deno run ... verify DEST | head -1`: once the reader is gone, stop quietly, as Unix tools do.
const output = createPipeOutput(() => controller.abort(new Error("the output's reader went away")));
const encoder = new TextEncoder();
const write = (stream: typeof Deno.stdout | typeof Deno.stderr) => (line: string) =>
  output.write(() => {
    const bytes = encoder.encode(`${line}\n`);
    for (let done = 0; done < bytes.length;) done += stream.writeSync(bytes.subarray(done));
  });

let stops = 0;
const stop = (signal: Deno.Signal) => () => {
  if (++stops > 1) Deno.exit(EXIT_INTERRUPTED);
  write(Deno.stderr)(`${signal}: finishing cleanly (writing metadata); press Ctrl-C again to quit at once.`);
  controller.abort(new Error(`stopped by ${signal}`));
};
Deno.addSignalListener("SIGINT", stop("SIGINT"));
if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop("SIGTERM"));

const code = await runCommand(Deno.args, {
  env: readEnv(),
  stdout: write(Deno.stdout),
  stderr: write(Deno.stderr),
  signal: controller.signal,
  version: "deno-script",
  programName: "deno run ... harvest.ts",
});
Deno.exit(output.closed ? EXIT_BROKEN_PIPE : code);
