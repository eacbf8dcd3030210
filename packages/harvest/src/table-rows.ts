import type { TableRecord } from "./csv-records.js";
import { HarvestInputError } from "./errors.js";
import { pickColumns, type ListColumns } from "./list-columns.js";
import { entryOrBad, type ListReading, type UrlListEntry } from "./list-reading.js";
import { rowEntry, rowProblem } from "./list-row-fields.js";

/**
 * The entries of a delimited list (CSV, TSV): its first record names the columns, the URL and
 * label columns are found by name (`pickColumns`), and each later record is one entry; a record
 * that cannot be one goes to `list.bad`.
 */
export async function* tableRows(records: AsyncIterable<TableRecord>, list: ListReading, columns: ListColumns, kind: string): AsyncGenerator<UrlListEntry> {
  const { fileName } = list;
  let picked: { url: number; label: number } | undefined;
  let width = 0;
  for await (const record of records) {
    if (!picked) {
      if (record.problem !== undefined) throw new HarvestInputError(fileName, record.line, `the header row cannot be read: ${record.problem}`);
      picked = pickColumns(
        fileName,
        record.line,
        record.fields.map((f) => f.trim()),
        columns,
      );
      width = record.fields.length;
      continue;
    }
    const at = (text: string) => ({ fileName, line: record.line, text });
    const { url, label } = picked;
    const entry = entryOrBad(list, () => {
      if (record.problem !== undefined) throw rowProblem(at(record.text), "invalid-row", record.problem);
      const { fields } = record;
      if (fields.length !== width) {
        throw rowProblem(at(fields.join(kind === "TSV" ? "\t" : ",")), "invalid-row", fieldCountProblem(width, fields.length, kind));
      }
      return rowEntry(at(fields[url] ?? ""), fields[url], label === -1 ? undefined : fields[label]);
    });
    if (entry) yield entry;
  }
}

function fieldCountProblem(width: number, found: number, kind: string): string {
  const fix = kind === "TSV" ? "a field may not hold a tab" : "quote fields that contain commas";
  return `expected ${width} fields as in the header, found ${found}; ${fix}`;
}
