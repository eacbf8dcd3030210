export { PhotosError, PhotoUrlError, type PhotoUrlProblem } from "./errors.js";
export { PHOTO_SIZES, PHOTO_SIZE_WIDTHS, sizeFallbackOrder, sizeOfWidth, type PhotoSize } from "./photo-size.js";
export {
  V1_SIZE_CODE_WIDTHS,
  canonicalPhotoUrl,
  parsePhotoUrl,
  tryParsePhotoUrl,
  type ParsedPhotoUrl,
  type PhotoUrlParseResult,
  type PhotoUrlShape,
} from "./parse-photo-url.js";
export { selectPhotoUrl, type PhotoVariants, type SelectPhotoUrlOptions, type SelectedPhotoUrl } from "./select-photo-url.js";
export { fromV1Photos, type V1Photo } from "./from-v1-photos.js";
export { BREED_FOLDER_HASH_MARK, BREED_FOLDER_MAX_BYTES, breedFolderName } from "./breed-folder-name.js";
export { COLOR_BREEDS, isColorBreed } from "./color-breeds.js";
export { BREED_SOURCES, type BreedSource, type SourceBreed } from "./breed-source.js";
export { breedKey, canonicalBreed, canonicalBreeds, type CanonicalBreed } from "./canonical-breed.js";
export { PETFINDER_CAT_BREEDS } from "./petfinder-cat-breeds.js";
export { RESCUEGROUPS_CAT_BREEDS } from "./rescuegroups-cat-breeds.js";
export { THECATAPI_BREEDS } from "./thecatapi-breeds.js";
export type { AnimalLike, PhotoRow, PhotoSkip, PhotoSkipReason } from "./types.js";
export { animalPhotoRows, type AnimalPhotoRowsOptions } from "./animal-photo-rows.js";
export { createContentDeduper, type ContentDeduper, type ContentDeduperOptions } from "./content-deduper.js";
export { breedCountsToCsv, csvField, parseBreedCountsCsv, parseCsv, type BreedCount, type BreedCountsCsvOptions } from "./csv.js";
export type { PhotoCandidate } from "./photo-candidate.js";
export type { PhotoSource, SourceCandidatesOptions, SourceQuota, SourceRecordPage, SourceRecordsOptions, SourceTerms } from "./photo-source.js";
export { keyedBreedSource, type KeyedBreedSourceParts } from "./keyed-breed-source.js";
