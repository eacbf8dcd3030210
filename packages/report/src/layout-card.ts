import type { ReportData } from "./report-data.js";

/** The card's `configs` entry for the data set's layout (Hugging Face's loaders). */
export function layoutDataFiles(layout: string): string[] {
  return layout === "webdataset" ? ['          - "*.tar"'] : ['          - "metadata.jsonl"', '          - "*/*"'];
}

/** The card's lines saying how the data set is laid out and how it loads. */
export function layoutLines(data: ReportData): string[] {
  if (data.layout === "webdataset") {
    return [
      "WebDataset tar shards (`00000.tar`, `00001.tar`...; per sample `<key>.<ext>`, `<key>.json`, and",
      "`<key>.cls` with labels, `classes.txt` naming the classes), each with its rows in `00000.jsonl`",
      "(failures included) and its counts in `00000_stats.json`. It loads with",
      '`datasets.load_dataset("webdataset", data_files="*.tar")` or the `webdataset` library.',
      "`report.html` shows a contact sheet per breed.",
    ];
  }
  return [
    "`metadata.jsonl` (one line per file: `file_name`, `breed`, `source`, `source_url`, `sha256`...),",
    '`failures.jsonl` and `breeds.csv`. It loads as an image folder (`datasets.load_dataset("imagefolder", data_dir=...)`,',
    "torchvision's `ImageFolder`). `report.html` shows a contact sheet per breed.",
  ];
}
