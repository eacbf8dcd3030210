import { escapeHtml } from "./escape-html.js";
import { formatBytes } from "./format-bytes.js";
import type { ReportPage } from "./report-page.js";

/** The summary: files, bytes, breeds, sources, failures, duplicates, and how it was made. */
export function renderSummary({ data, made, built, minimum }: ReportPage): string {
  const failed = data.failures.reduce((sum, group) => sum + group.count, 0);
  const thin = data.breeds.filter((b) => b.images < minimum).length;
  const sources = data.sources.map((s) => `${escapeHtml(s.name || "URL list")} (${s.files})`).join(", ") || "none";
  const rows: Array<[string, string]> = [
    ["Files", `<span id="total-files">${data.files}</span>`],
    ["Bytes", `${formatBytes(data.bytes)} <span class="muted">(${data.bytes} bytes)</span>`],
    ["Breeds", `${data.breeds.length}${thin ? ` <span class="muted">(${thin} under ${minimum} images)</span>` : ""}`],
    ["Sources", sources],
    ["Failures", `${failed}`],
    ["Duplicates", `${data.duplicates} <span class="muted">(byte-identical copies stored once)</span>`],
    ["Made by", made ? `<code>${escapeHtml(made.command)}</code>, cat-harvest ${escapeHtml(made.version)}, ${escapeHtml(made.date)}` : "not recorded"],
    ["This report", `cat-harvest ${escapeHtml(built.version)}, ${escapeHtml(built.date)}; layout ${escapeHtml(data.layout)}`],
  ];
  if (data.unreadableLines > 0) rows.push(["Unreadable lines", `${data.unreadableLines} (run <code>cat-harvest verify</code>)`]);
  return `<section id="summary"><h2>Summary</h2><dl class="summary">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl></section>`;
}
