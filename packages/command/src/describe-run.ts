import { publicUrl } from "@cat-harvest/http";
import type { ReportMade } from "@cat-harvest/report";
import type { ParsedCommand } from "./parse-command-line.js";

type WritingCommand = Extract<ParsedCommand, { command: "harvest" | "download" }>;

const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * The command line of a run as the data set card records it: from what was parsed, so a
 * secret given as a flag (`--client-secret`, keys) or in a URL never gets into DEST.
 */
export function commandLineOf(parsed: WritingCommand, out: string): string {
  const words = ["cat-harvest", parsed.command];
  if (parsed.command === "harvest") {
    if (parsed.demo) words.push("--demo");
    words.push("--source", parsed.sources.join(","));
    if (parsed.type !== "cat") words.push("--type", parsed.type);
    if (parsed.breeds) words.push("--breeds", parsed.breeds.join(","));
    if (parsed.perBreed !== undefined) words.push("--per-breed", String(parsed.perBreed));
    if (parsed.cap !== undefined) words.push("--cap", String(parsed.cap));
    if (parsed.size !== undefined) words.push("--size", parsed.size);
    if (parsed.noColours) words.push("--no-colours");
    if (parsed.scale !== undefined) words.push("--scale", String(parsed.scale));
  } else {
    words.push("--input", parsed.input);
  }
  words.push("--out", out);
  return words.map((word) => shellWord(publicUrl(word))).join(" ");
}

/** How the data set was made, for the report and the card. */
export function madeBy(parsed: WritingCommand, out: string, version: string | undefined, now = new Date()): ReportMade {
  return { command: commandLineOf(parsed, out), version: version ?? "unknown", date: now.toISOString() };
}
