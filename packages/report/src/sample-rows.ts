import type { MetadataRow } from "@cat-harvest/harvest";

/**
 * Keeps up to `size` rows: those with the smallest sha256. The choice depends only on the
 * files, never on their order, so the same data set always shows the same sample, and a
 * hash spreads it over every animal and source rather than the first few listed.
 */
export class RowSample {
  readonly #size: number;
  readonly #rows: MetadataRow[] = [];
  constructor(size: number) {
    this.#size = size;
  }

  add(row: MetadataRow): void {
    const rows = this.#rows;
    if (rows.length === this.#size && !(row.sha256 < rows[rows.length - 1]!.sha256)) return;
    let at = rows.length;
    while (at > 0 && row.sha256 < rows[at - 1]!.sha256) at--;
    rows.splice(at, 0, row);
    if (rows.length > this.#size) rows.pop();
  }

  /** The kept rows, by file name. */
  rows(): MetadataRow[] {
    return [...this.#rows].sort((a, b) => (a.file_name < b.file_name ? -1 : a.file_name > b.file_name ? 1 : 0));
  }
}
