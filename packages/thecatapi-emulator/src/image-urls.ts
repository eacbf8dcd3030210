import { type Dataset, formatOf } from "./dataset.js";

/** The CDN URL of image `i` on `origin`: `/images/<id>.<ext>`, as cdn2.thecatapi.com serves them. */
export function imageUrl(origin: string, data: Dataset, i: number): string {
  return `${origin}/images/${data.ids[i]}.${formatOf(data.format[i]!).ext}`;
}

const IMAGE_PATH = /^\/images\/([0-9A-Za-z_-]+)\.(jpg|png|gif)$/;

/** The image a CDN path names, or -1 (unknown id, or the wrong extension for it). */
export function imageAtPath(data: Dataset, path: string): number {
  const m = IMAGE_PATH.exec(path);
  if (!m) return -1;
  const i = data.indexById.get(m[1]!);
  return i !== undefined && formatOf(data.format[i]!).ext === m[2] ? i : -1;
}
