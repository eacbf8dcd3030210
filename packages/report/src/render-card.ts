import { cardHeader } from "./card-header.js";
import { formatBytes } from "./format-bytes.js";
import { layoutLines } from "./layout-card.js";
import { madeMark, type ReportMade } from "./made.js";
import type { ReportData } from "./report-data.js";

/** Outside text in Markdown: one line, pipes and Markdown marks escaped, `<` and `>` as entities (no raw HTML). */
const cell = (text: string) =>
  text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/([|\\`*[\]])/g, "\\$1")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");

function breedTable(data: ReportData): string[] {
  return ["| breed | folder | images |", "| --- | --- | ---: |", ...data.breeds.map((b) => `| ${cell(b.breed)} | ${cell(b.folder)} | ${b.images} |`)];
}

/** SOURCES.md without its title, its headings one level down. */
function sourcesSection(data: ReportData): string[] {
  if (!data.sourcesText) {
    return [
      "The photos come from a URL list; the terms of each site they came from apply, and",
      "cat-harvest does not know them. Check them before publishing this data set.",
    ];
  }
  return data.sourcesText
    .split("\n")
    .filter((line) => !line.startsWith("# "))
    .map((line) => (line.startsWith("#") ? `#${line}` : line));
}

function howMade(made: ReportMade | undefined, built: { version: string; date: string }): string[] {
  const run = made
    ? [`Made with [cat-harvest](https://github.com/cat-harvest/cat-harvest) ${made.version} on ${made.date}:`, "", "```", made.command, "```"]
    : ["The command that made it is not recorded."];
  return [...run, "", `This card was written by cat-harvest ${built.version} on ${built.date} (\`cat-harvest report DEST\` rebuilds it).`];
}

/** The Hugging Face data set card (README.md): header, breeds, sources and terms, how it was made, known limits. */
export function renderCard(title: string, data: ReportData, made: ReportMade | undefined, built: { version: string; date: string }, identity?: string): string {
  return [
    cardHeader(title, data),
    madeMark(made, identity),
    "",
    `# ${cell(title)}`,
    "",
    `${data.files} photos (${formatBytes(data.bytes)}) of ${data.breeds.length} cat breeds, ${data.layout === "webdataset" ? "in" : "one folder per breed, with"}`,
    ...layoutLines(data),
    "",
    "## Breeds",
    "",
    ...breedTable(data),
    "",
    "## Sources and their terms",
    "",
    ...sourcesSection(data),
    "",
    "## How it was made",
    "",
    ...howMade(made, built),
    "",
    "## Known limits",
    "",
    "- Breed labels are what shelters and rescues entered, not verified: most adoptable cats are",
    '  mixed breeds labelled by looks, and some "breeds" are colours or patterns (Tabby, Calico,',
    "  Tortoiseshell...), not breeds.",
    "- A photo may show several cats, a person, or no cat at all; nothing here checks the content.",
    "- Breeds are very unevenly represented (see the table); small classes are marked in `report.html`.",
    `- ${data.failures.reduce((sum, g) => sum + g.count, 0)} photos could not be stored and ${data.duplicates} were byte-identical duplicates (see ${data.layout === "webdataset" ? "each shard's `.jsonl`" : "`failures.jsonl`"}).`,
    "",
  ].join("\n");
}
