/** One line of breeds.csv: a breed folder and the images in it. */
export interface BreedCount {
  readonly breed: string;
  readonly folder: string;
  readonly images: number;
}

/** Options of `breedCountsToCsv`. */
export interface BreedCountsCsvOptions {
  /**
   * The line ending.
   * @default "\n"
   */
  readonly newline?: "\n" | "\r\n";
  /**
   * Prefix a `'` to breed names and folders that start with `=`, `+`, `-`, `@`, tab or CR, so a
   * spreadsheet opening breeds.csv does not run a hostile name as a formula. It changes those
   * names in the file, so it is off unless asked for.
   * @default false
   */
  readonly escapeFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 quoting: a field with a comma, quote, CR, LF or outer space is quoted, quotes doubled. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The breeds.csv table: a `breed,folder,images` header, then one line per breed.
 *
 * @example
 * breedCountsToCsv([{ breed: "Sphynx / Hairless Cat", folder: "Sphynx__Hairless_Cat", images: 1 }]);
 * // "breed,folder,images\nSphynx / Hairless Cat,Sphynx__Hairless_Cat,1\n"
 */
export function breedCountsToCsv(counts: Iterable<BreedCount>, options: BreedCountsCsvOptions = {}): string {
  const newline = options.newline ?? "\n";
  if (newline !== "\n" && newline !== "\r\n") throw new TypeError(`Writing breeds.csv failed: newline must be "\\n" or "\\r\\n"`);
  const text = (value: string) => csvField(options.escapeFormulas && FORMULA_START.test(value) ? `'${value}` : value);
  let out = `breed,folder,images${newline}`;
  for (const { breed, folder, images } of counts) out += `${text(breed)},${text(folder)},${csvField(images)}${newline}`;
  return out;
}

/** Splits RFC 4180 CSV text into records of fields. Throws `TypeError` on an unclosed quote. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i++;
      } else {
        field += char;
        i++;
      }
    } else if (char === '"' && field === "") {
      quoted = true;
      i++;
    } else if (char === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (char === "\n" || char === "\r") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += char === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += char;
      i++;
    }
  }
  if (quoted) throw new TypeError('Parsing CSV failed: a quoted field is not closed; check for a stray " in the text');
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Reads a breeds.csv table back (any column order, header required). Throws `TypeError`
 * when a column is missing or a count is not a whole number.
 */
export function parseBreedCountsCsv(text: string): BreedCount[] {
  const [header, ...lines] = parseCsv(text);
  if (!header) return [];
  const column = (name: string): number => {
    const at = header.indexOf(name);
    if (at < 0) throw new TypeError(`Reading breeds.csv failed: the header has no "${name}" column (expected breed,folder,images)`);
    return at;
  };
  const [b, f, n] = [column("breed"), column("folder"), column("images")];
  return lines.map((fields, index) => {
    const images = Number(fields[n]);
    if (!Number.isSafeInteger(images) || images < 0) {
      throw new TypeError(`Reading breeds.csv failed: line ${index + 2} has images=${JSON.stringify(fields[n])}, not a whole number`);
    }
    return { breed: fields[b] ?? "", folder: fields[f] ?? "", images };
  });
}
