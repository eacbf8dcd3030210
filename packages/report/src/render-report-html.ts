import { escapeHtml } from "./escape-html.js";
import { identityMeta } from "./report-identity.js";
import { renderBreedChart } from "./render-breed-chart.js";
import { renderContactSheets } from "./render-contact-sheets.js";
import { renderFailures } from "./render-failures.js";
import { renderSummary } from "./render-summary.js";
import { sheetId, type ReportPage } from "./report-page.js";
import { REPORT_SCRIPT } from "./report-script.js";
import { REPORT_STYLE } from "./report-style.js";

function renderJumpList({ data }: ReportPage): string {
  const options = data.breeds.map((breed, index) => `<option value="${sheetId(index)}">${escapeHtml(breed.breed)} (${breed.images})</option>`);
  return `<select id="jump" aria-label="Jump to a breed"><option value="">Jump to a breed…</option>${options.join("")}</select>`;
}

/**
 * The whole report as one HTML document: inline style and script, thumbnails as `data:` URIs,
 * a Content-Security-Policy that lets it load nothing from anywhere but itself.
 */
export function renderReportHtml(page: ReportPage): string {
  const csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    ...(page.identity ? [identityMeta(page.identity)] : []),
    `<title>${escapeHtml(page.title)}</title><style>${REPORT_STYLE}</style></head><body>`,
    `<header class="top"><h1>${escapeHtml(page.title)}</h1><a href="#summary">Summary</a><a href="#chart">Breeds</a><a href="#failures">Failures</a>${renderJumpList(page)}</header>`,
    "<main>",
    renderSummary(page),
    renderBreedChart(page),
    renderFailures(page),
    renderContactSheets(page),
    "</main>",
    `<script>${REPORT_SCRIPT}</script>`,
    "</body></html>",
    "",
  ].join("\n");
}
