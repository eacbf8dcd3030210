import type { ReportData } from "./report-data.js";
import { layoutDataFiles } from "./layout-card.js";
import { sizeCategory } from "./size-category.js";

/** A YAML scalar: a JSON string is a valid YAML double-quoted scalar. */
const q = (text: string) => JSON.stringify(text);

/**
 * The card's YAML header (Hugging Face dataset card metadata). The photos come under their
 * sources' terms, not an open licence: `license: other`, pointing at SOURCES.md; a data set
 * from a URL list, whose sites' terms cat-harvest does not know, says `unknown`.
 */
export function cardHeader(title: string, data: ReportData): string {
  const fromSources = data.sources.some((s) => s.name !== "");
  const license = fromSources ? ["license: other", "license_name: source-terms", "license_link: SOURCES.md"] : ["license: unknown"];
  return [
    "---",
    `pretty_name: ${q(title)}`,
    ...license,
    "task_categories:",
    "  - image-classification",
    "size_categories:",
    `  - ${q(sizeCategory(data.files))}`,
    "tags:",
    "  - cats",
    "  - cat-breeds",
    "  - cat-harvest",
    "configs:",
    "  - config_name: default",
    "    data_files:",
    "      - split: train",
    "        path:",
    ...layoutDataFiles(data.layout),
    "---",
  ].join("\n");
}
