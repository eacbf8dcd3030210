import { escapeHtml } from "./escape-html.js";
import type { ReportPage } from "./report-page.js";

/** Failures by reason, with counts and a few URLs (shown as text, never fetched, credentials stripped). */
export function renderFailures({ data }: ReportPage): string {
  if (data.failures.length === 0) return `<section id="failures"><h2>Failures</h2><p>None.</p></section>`;
  const rows = data.failures.map(
    (group) =>
      `<tr data-reason="${escapeHtml(group.reason)}"><td><code>${escapeHtml(group.reason)}</code></td><td class="n">${group.count}</td>` +
      `<td>${group.examples.map((url) => `<code>${escapeHtml(url)}</code>`).join("<br>")}</td></tr>`,
  );
  return (
    `<section id="failures"><h2>Failures</h2><table><thead><tr><th>reason</th><th>count</th><th>for example</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table></section>`
  );
}
