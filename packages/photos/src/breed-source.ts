/** The sources whose breed names and ids the canonical table knows. */
export const BREED_SOURCES = ["petfinder", "rescuegroups", "thecatapi"] as const;

/** A source of breed labels: `"petfinder"`, `"rescuegroups"` or `"thecatapi"`. */
export type BreedSource = (typeof BREED_SOURCES)[number];

/** One breed as a source names it, and the canonical name it stands for when that differs. */
export interface SourceBreed {
  /** The source's own id (RescueGroups: a number as a string; The Cat API: four letters), when known. */
  readonly id?: string;
  /** The source's own name. */
  readonly name: string;
  /** The canonical name, when it is not `name` itself. */
  readonly canonical?: string;
}
