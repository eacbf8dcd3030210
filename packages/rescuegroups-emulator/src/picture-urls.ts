import { type Dataset, indexOfId } from "./dataset.js";
import { type PictureSize, SIZE_WIDTHS } from "./picture-templates.js";

/** The CDN URL of picture `p` at a size, shaped like cdn.rescuegroups.org's: `/{org}/pictures/animals/{id / 1000}/{id}/{pictureId}.jpg?width=500`. */
export function pictureUrl(origin: string, data: Dataset, p: number, size: PictureSize): string {
  const i = data.pictureAnimal[p]!;
  const animalId = data.animalIds[i]!;
  const width = SIZE_WIDTHS[size];
  const path = `${origin}/${data.orgIds[i]}/pictures/animals/${Math.floor(animalId / 1000)}/${animalId}/${data.pictureIds[p]}.jpg`;
  return width === null ? path : `${path}?width=${width}`;
}

const PICTURE_PATH = /^\/(\d+)\/pictures\/animals\/(\d+)\/(\d+)\/(\d+)\.jpg$/;

/** The picture a CDN path and `width` name, with its size, or undefined (unknown picture, wrong folders, a width the CDN does not make). */
export function pictureAtPath(data: Dataset, path: string, width: string | null): { p: number; size: PictureSize } | undefined {
  const m = PICTURE_PATH.exec(path);
  if (!m) return undefined;
  const p = indexOfId(data.pictureIds, Number(m[4]));
  if (p < 0) return undefined;
  const i = data.pictureAnimal[p]!;
  const animalId = data.animalIds[i]!;
  if (Number(m[1]) !== data.orgIds[i] || Number(m[2]) !== Math.floor(animalId / 1000) || Number(m[3]) !== animalId) return undefined;
  const size = width === null ? "original" : width === "500" ? "large" : width === "100" ? "small" : undefined;
  return size === undefined ? undefined : { p, size };
}
