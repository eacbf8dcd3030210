import type { UrlListInput } from "@cat-harvest/harvest";
import type { Env } from "./command-io.js";
import { CommandUsageError } from "./errors.js";
import { openListFile } from "./open-list-file.js";
import { openS3List } from "./open-s3-list.js";

/** A URL list the command opened, which it closes after the run. */
export type OpenedList = UrlListInput & { close?(): Promise<void> };

/** `--input`: a file, or `s3://bucket/key` (which loads `@cat-harvest/storage-s3`); a usage error when there is none. */
export async function openList(input: string, env: Env): Promise<OpenedList> {
  if (/^s3:\/\//i.test(input)) {
    const list = await openS3List(input, env);
    if (!list) throw new CommandUsageError("input", `--input ${JSON.stringify(input)} names no object in that bucket`);
    return list;
  }
  const list = await openListFile(input);
  if (!list) throw new CommandUsageError("input", `--input ${JSON.stringify(input)} is not a readable file`);
  return list;
}
