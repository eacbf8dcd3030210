import type { PhotoSource } from "@cat-harvest/photos";
import type { StorageAdapter } from "@cat-harvest/storage";

/** The data set's list of sources, their terms and the credit they ask for: a top-level file (ImageFolder-style loaders ignore it), read before publishing. */
export const SOURCES_FILE = "SOURCES.md";

const MARK = /^<!-- source: ([\w.-]+) -->$/;

/** One source's section. */
function section({ name, terms }: Pick<PhotoSource, "name" | "terms">): string {
  return [
    `<!-- source: ${name} -->`,
    `## ${terms.title} (\`${name}\`)`,
    "",
    `- Terms: ${terms.url}`,
    `- Attribution: ${terms.attribution}`,
    `- What the terms allow: ${terms.allows}`,
    "",
  ].join("\n");
}

/** The sections of an earlier SOURCES.md, by source name. */
function sectionsOf(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  let name: string | undefined;
  let lines: string[] = [];
  const flush = () => name !== undefined && sections.set(name, lines.join("\n").trimEnd() + "\n");
  for (const line of text.split("\n")) {
    const mark = MARK.exec(line);
    if (mark) {
      flush();
      name = mark[1];
      lines = [line];
    } else if (name !== undefined) lines.push(line);
  }
  flush();
  return sections;
}

async function readText(storage: StorageAdapter, key: string): Promise<string> {
  if (!storage.capabilities.read) return "";
  try {
    const body = await storage.get(key);
    return body ? await new Response(body).text() : "";
  } catch {
    return "";
  }
}

/**
 * Rewrites SOURCES.md from the sources of this run and those the data set's files name
 * (their sections kept from the earlier file when it can be read).
 */
export async function writeSourcesFile(
  storage: StorageAdapter,
  sources: ReadonlyArray<Pick<PhotoSource, "name" | "terms">>,
  named: ReadonlySet<string>,
): Promise<void> {
  const earlier = sectionsOf(await readText(storage, SOURCES_FILE));
  const sections = new Map<string, string>();
  for (const name of named)
    sections.set(name, earlier.get(name) ?? `<!-- source: ${name} -->\n## \`${name}\`\n\n- Terms: not known to the last run: see the source's own terms.\n`);
  for (const source of sources) sections.set(source.name, section(source));
  const text = [
    "# Sources of this data set",
    "",
    "Every photo's line in metadata.jsonl names its `source` and `source_id`. Before publishing this",
    "data set, read the terms of each source below and give the credit they ask for.",
    "",
    ...[...sections].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, text]) => text),
  ].join("\n");
  const bytes = new TextEncoder().encode(text);
  await storage.put(SOURCES_FILE, bytes, { size: bytes.byteLength, contentType: "text/markdown", supersede: true });
}
