import { emulatorHelp } from "@cat-harvest/petfinder-emulator/cli-args";
import { rescueGroupsEmulatorHelp } from "@cat-harvest/rescuegroups-emulator/cli-args";
import { catApiEmulatorHelp } from "@cat-harvest/thecatapi-emulator/cli-args";
import { EXIT_CODES_HELP } from "./exit-codes-help.js";
import { SUBCOMMANDS, type FlagSpec, type SubcommandSpec } from "./subcommands.js";

const DEST_HELP = `DEST: a folder (./cat_breeds), an archive (cats.tar, cats.tar.gz) or s3://bucket/prefix
(s3:// needs the @cat-harvest/storage-s3 package installed beside the command).`;

// The first three lines are the sources' credentials, which download does not use.
const ENV_HELP = `Credentials: PETFINDER_CLIENT_ID and PETFINDER_CLIENT_SECRET; RESCUEGROUPS_API_KEY; THECATAPI_API_KEY (or the flags); --demo needs none.
Prefer the variables: a --client-secret value is visible to other users of the machine (ps), as is a --rescuegroups-key or --thecatapi-key.
Keys: RescueGroups.org https://rescuegroups.org/services/adoptable-pet-data-api/ ; The Cat API https://thecatapi.com/signup
S3: the standard AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION,
AWS_ENDPOINT_URL for S3-compatible stores).`;

const QUEUE_HELP = `Redis: the password goes in CAT_HARVEST_REDIS_PASSWORD (or in the URL, redis://:PASSWORD@host:6379, which ps shows); it is never printed.
--queue needs the @cat-harvest/queue package installed beside the command (it brings BullMQ).`;

function flagLine(flag: FlagSpec): string {
  const names = `${flag.short ? `-${flag.short}, ` : "    "}--${flag.name}${flag.value ? ` ${flag.value}` : ""}`;
  return `  ${names.padEnd(28)} ${flag.help}`;
}

function subcommandHelp(spec: SubcommandSpec): string {
  const s3Help = ENV_HELP.split("\n").slice(3).join("\n");
  const notes =
    spec.name === "verify" || spec.name === "report"
      ? DEST_HELP
      : spec.name === "download"
        ? `${DEST_HELP}\n${s3Help}\n${QUEUE_HELP}`
        : spec.name === "worker"
          ? `Each shard names its DEST (a folder the workers share, or s3://bucket/prefix); the worker opens it with its own credentials.\n${s3Help}\n${QUEUE_HELP}`
          : spec.name === "status"
            ? QUEUE_HELP
            : `${DEST_HELP}\n${ENV_HELP}`;
  return `${spec.summary}\n\nUsage: ${spec.usage}\n\n${spec.flags.map(flagLine).join("\n")}\n\n${notes}\n\n${EXIT_CODES_HELP}`;
}

/** The overview `cat-harvest --help` prints: the subcommands, then the flags of `harvest` (the default). */
export const USAGE = `cat-harvest: adoptable-pet photos into a verifiable image data set, one folder per breed.

Usage:
${SUBCOMMANDS.map((s) => `  ${s.usage.padEnd(52)} ${s.summary}`).join("\n")}
  ${"cat-harvest emulator [flags]".padEnd(52)} Run a bundled emulator on its own (--source S).
  ${"cat-harvest SUBCOMMAND --help".padEnd(52)} The flags of one subcommand.

Flags of harvest:
${SUBCOMMANDS[0]!.flags.map(flagLine).join("\n")}

${DEST_HELP}
${ENV_HELP}

${EXIT_CODES_HELP}`;

/** The help for `topic` (a subcommand), or the overview. */
export function helpText(topic?: string): string {
  if (topic === "emulator") return emulatorHelp("cat-harvest emulator");
  if (topic === "emulator:thecatapi") return catApiEmulatorHelp("cat-harvest emulator --source thecatapi");
  if (topic === "emulator:rescuegroups") return rescueGroupsEmulatorHelp("cat-harvest emulator --source rescuegroups");
  const spec = SUBCOMMANDS.find((s) => s.name === topic);
  return spec && spec.name !== "harvest" ? subcommandHelp(spec) : USAGE;
}
