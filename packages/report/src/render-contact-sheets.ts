import type { MetadataRow } from "@cat-harvest/harvest";
import { escapeHtml, fileHref } from "./escape-html.js";
import { formatBytes } from "./format-bytes.js";
import { thumbnailDataUri } from "./make-thumbnails.js";
import { sheetId, type ReportPage } from "./report-page.js";

function tile(row: MetadataRow, page: ReportPage): string {
  const name = row.file_name.slice(row.file_name.lastIndexOf("/") + 1);
  const size = row.width && row.height ? `${row.width}×${row.height}, ` : "";
  const hover = escapeHtml(`${row.file_name}\nsource: ${row.source ?? "URL list"}\n${size}${formatBytes(row.bytes)}`);
  const thumbnail = page.thumbnails.get(row.file_name);
  const image = thumbnail
    ? `<img src="${thumbnailDataUri(thumbnail)}" width="${thumbnail.width}" height="${thumbnail.height}" loading="lazy" decoding="async" alt="${escapeHtml(name)}">`
    : `<div class="missing">no preview</div>`;
  const linked = page.links ? `<a href="${fileHref(row.file_name)}">${image}</a>` : image;
  return `<figure title="${hover}">${linked}<figcaption>${escapeHtml(name)}</figcaption></figure>`;
}

/** A grid of thumbnails per breed: its sample, each with its file name, source and size on hover. */
export function renderContactSheets(page: ReportPage): string {
  const sheets = page.data.breeds.map((breed, index) => {
    const shown = breed.samples.length < breed.images ? `, ${breed.samples.length} shown` : "";
    return (
      `<section class="sheet" id="${sheetId(index)}" data-breed="${escapeHtml(breed.breed)}" data-images="${breed.images}">` +
      `<h3>${escapeHtml(breed.breed)} <span class="muted">${breed.images} images${shown}${breed.folder ? ` · ${escapeHtml(breed.folder)}/` : ""}</span></h3>` +
      `<div class="grid">${breed.samples.map((row) => tile(row, page)).join("")}</div></section>`
    );
  });
  return `<section id="sheets"><h2>Contact sheets</h2>${sheets.join("")}</section>`;
}
