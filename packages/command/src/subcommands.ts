/** One flag of a subcommand: what `--help` lists and what the parser accepts. */
export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  /** The value's placeholder in the help (`N`, `DEST`); absent for a switch. */
  readonly value?: string;
  readonly multiple?: boolean;
  readonly help: string;
}

/** A subcommand: its usage line, what it does and its flags. */
export interface SubcommandSpec {
  readonly name: "harvest" | "breeds" | "download" | "verify" | "report" | "worker" | "status";
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
}

const JSON_FLAG: FlagSpec = { name: "json", help: "one machine-readable summary on stdout" };
const HELP_FLAG: FlagSpec = { name: "help", short: "h", help: "show this help" };

const API_FLAGS: readonly FlagSpec[] = [
  { name: "source", value: "LIST", help: "petfinder, rescuegroups, thecatapi, or several comma-separated (default petfinder)" },
  { name: "demo", help: "use each source's bundled emulator on loopback: no account, no network" },
  { name: "type", value: "TYPE", help: "animal type (default cat)" },
  { name: "api-url", value: "URL", multiple: true, help: "a source's API base URL; with several sources SOURCE=URL, repeatable" },
  { name: "client-id", value: "ID", help: "Petfinder client id (default: PETFINDER_CLIENT_ID)" },
  {
    name: "client-secret",
    value: "SECRET",
    help: "Petfinder client secret (default: PETFINDER_CLIENT_SECRET; prefer it: ps shows flags to other users)",
  },
  { name: "rescuegroups-key", value: "KEY", help: "RescueGroups.org API key (default: RESCUEGROUPS_API_KEY; prefer it: ps shows flags)" },
  { name: "thecatapi-key", value: "KEY", help: "The Cat API key (default: THECATAPI_API_KEY; prefer it: ps shows flags)" },
];

/** The URL list formats `download --input` reads. */
export const LIST_FORMATS = "a URL list: .txt, .csv, .tsv or .jsonl (each also .gz) or .parquet";
const NO_REPORT: FlagSpec = { name: "no-report", help: "do not write report.html and the data set card README.md at the end" };
const QUEUE_FLAG: FlagSpec = {
  name: "queue",
  value: "URL",
  help: "Redis shared by the run's workers: redis://host:6379[/db] (rediss:// for TLS); its password in CAT_HARVEST_REDIS_PASSWORD",
};
const QUEUE_NAME_FLAG: FlagSpec = { name: "queue-name", value: "NAME", help: "the BullMQ queue the shards go through (default cat-harvest)" };

const CONCURRENCY: FlagSpec = { name: "concurrency", value: "N", help: "photo downloads at once, 1 to 256 (default 64)" };

/** The subcommands `cat-harvest` parses itself (`emulator` is parsed by the emulator package). */
export const SUBCOMMANDS: readonly SubcommandSpec[] = [
  {
    name: "harvest",
    usage: "cat-harvest [harvest] [flags]",
    summary: "Harvest photos by breed into DEST (the default subcommand).",
    flags: [
      ...API_FLAGS,
      { name: "breeds", value: "LIST", multiple: true, help: 'breed names, comma-separated, repeatable (default every breed), e.g. "Siamese,Bengal"' },
      { name: "per-breed", value: "N", help: "records to fetch per breed, 1 up (default 1500)" },
      { name: "cap", value: "N", help: "files to keep per breed, 1 up (default 5000)" },
      { name: "size", value: "SIZE", help: "photo size: full, large, medium or small (default full)" },
      { name: "out", short: "o", value: "DEST", help: "where to write (default ./cat_breeds; ./cat-harvest-demo with --demo)" },
      CONCURRENCY,
      { name: "refresh", help: "ask the API again instead of reusing the records cache" },
      { name: "no-colours", help: 'leave out colour "breeds" (Tabby, Calico...)' },
      NO_REPORT,
      { name: "scale", value: "X", help: "emulator data volume with --demo, 0.0001 to 10 (default 0.02)" },
      {
        ...QUEUE_FLAG,
        help: "run the API phase and the downloads as jobs on this Redis (redis://host:6379) for `cat-harvest worker`; re-run to advance and finish",
      },
      QUEUE_NAME_FLAG,
      { name: "shard-size", value: "N", help: "with --queue: photos per download job, 1 to 10000000 (default 500); a re-run must give the same" },
      { name: "wait", help: "with --queue: stay until the run is finished, advancing it as its jobs end" },
      JSON_FLAG,
      { name: "version", help: "print the version" },
      HELP_FLAG,
    ],
  },
  {
    name: "breeds",
    usage: "cat-harvest breeds [flags]",
    summary: "Print the breed names of an animal type (of one --source).",
    flags: [...API_FLAGS, JSON_FLAG, HELP_FLAG],
  },
  {
    name: "download",
    usage: "cat-harvest download --input FILE --out DEST [flags]",
    summary: "Download a URL list (.txt, .csv, .tsv, .jsonl, each also .gz, or .parquet; url, label) into DEST.",
    flags: [
      { name: "input", short: "i", value: "FILE", help: "the URL list: .txt, .csv, .tsv or .jsonl (each also .gz) or .parquet; a file or s3://bucket/key" },
      { name: "out", short: "o", value: "DEST", help: "where to write" },
      { name: "url-column", value: "NAME", help: "the column (or JSON field) holding the URL (default url)" },
      { name: "label-column", value: "NAME", help: "the column (or JSON field) holding the label, its folder (default label)" },
      {
        name: "format",
        value: "files|webdataset",
        help: "files: a folder per label with metadata.jsonl (default); webdataset: tar shards 00000.tar, ... with .json and .cls per sample (a folder or s3:// DEST)",
      },
      { name: "shard-size", value: "N", help: "rows per shard, 1 to 10000000 (default 10000); a re-run must give the same" },
      CONCURRENCY,
      NO_REPORT,
      { ...QUEUE_FLAG, help: "split the list into shard jobs on this Redis (redis://host:6379) for `cat-harvest worker` to run, instead of downloading here" },
      QUEUE_NAME_FLAG,
      JSON_FLAG,
      HELP_FLAG,
    ],
  },
  {
    name: "verify",
    usage: "cat-harvest verify DEST [flags]",
    summary: "Re-hash every stored file of DEST against metadata.jsonl. Read-only: DEST is never changed, so it is safe beside a running harvest.",
    flags: [JSON_FLAG, HELP_FLAG],
  },
  {
    name: "report",
    usage: "cat-harvest report DEST [flags]",
    summary:
      "Rebuild report.html (summary, images per breed, contact sheets, failures) and the data set card README.md inside DEST; nothing else in DEST changes.",
    flags: [{ name: "min-images", value: "N", help: "mark breeds with fewer images in the chart, 1 up (default 100)" }, JSON_FLAG, HELP_FLAG],
  },

  {
    name: "worker",
    usage: "cat-harvest worker --queue URL [flags]",
    summary:
      "Run the jobs queued by `download --queue` and `harvest --queue` (on any number of machines) until stopped (Ctrl-C, SIGTERM); a source's API jobs need its key in the environment (RESCUEGROUPS_API_KEY, THECATAPI_API_KEY).",
    flags: [
      QUEUE_FLAG,
      QUEUE_NAME_FLAG,
      {
        name: "api-url",
        value: "SOURCE=URL",
        multiple: true,
        help: "where this worker asks a source (default its real API); a job naming another API root is refused, so a key goes nowhere else",
      },
      { name: "shards", value: "N", help: "shards this worker runs at once, 1 to 64 (default 1)" },
      {
        name: "stalled-after",
        value: "SECONDS",
        help: "a shard whose worker stopped answering (killed, machine lost) goes back to the queue after this long, 2 to 3600 (default 30)",
      },
      CONCURRENCY,
      JSON_FLAG,
      HELP_FLAG,
    ],
  },
  {
    name: "status",
    usage: "cat-harvest status --queue URL [flags]",
    summary: "Show a queue's jobs: a harvest's API jobs per source, then the shards: done, running, waiting, failed (with reasons), rate and ETA.",
    flags: [QUEUE_FLAG, QUEUE_NAME_FLAG, JSON_FLAG, HELP_FLAG],
  },
];

/** The spec of a subcommand by name. */
export function subcommand(name: SubcommandSpec["name"]): SubcommandSpec {
  return SUBCOMMANDS.find((s) => s.name === name)!;
}
