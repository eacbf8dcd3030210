import { escapeHtml } from "./escape-html.js";
import { sheetId, type ReportPage } from "./report-page.js";

/** Images per breed as bars, most first, the breeds under the minimum marked. */
export function renderBreedChart({ data, minimum }: ReportPage): string {
  const most = Math.max(1, ...data.breeds.map((b) => b.images));
  const rows = data.breeds.map((breed, index) => {
    const width = ((breed.images / most) * 100).toFixed(2);
    const thin = breed.images < minimum ? ' class="thin"' : "";
    return (
      `<tr${thin} data-breed="${escapeHtml(breed.breed)}" data-images="${breed.images}">` +
      `<th><a href="#${sheetId(index)}">${escapeHtml(breed.breed)}</a></th>` +
      `<td><div class="bar" style="width:${width}%"></div></td><td class="n">${breed.images}</td></tr>`
    );
  });
  return (
    `<section id="chart"><h2>Images per breed</h2>` +
    `<p class="legend"><span class="swatch"></span> under ${minimum} images</p>` +
    `<table class="chart"><tbody>${rows.join("")}</tbody></table></section>`
  );
}
