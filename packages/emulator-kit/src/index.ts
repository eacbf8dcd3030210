export { cumulate, createPrng, hashInts, hashString, hexWord, hexWords, mix32, pickWeighted, unit } from "./hash.js";
export { NOISE, noiseBytes } from "./noise.js";
export { DEFAULT_GRAIN, drawCat } from "./cat-drawing.js";
export { PALETTE, toPaletteIndexes } from "./palette.js";
export { encodeJpeg } from "./jpeg-encode.js";
export { encodePng, pngChunk } from "./png-encode.js";
export { encodeGif } from "./gif-encode.js";
export { zlibCompress } from "./deflate.js";
export { crc32 } from "./crc32.js";
export { IMAGE_CONTENT_TYPES, IMAGE_FORMATS, imageBytes, imageSha256, labelledImage } from "./image-parts.js";
export type { ImageFormat, ImageParts } from "./image-parts.js";
export { COMMON_FAULT_KINDS, FaultPlan, isWireFault } from "./faults.js";
export type { CommonFaultKind, WireFault } from "./faults.js";
export { RequestLimits } from "./request-limits.js";
export type { LimitDecision, QuotaPeriod } from "./request-limits.js";
export { StatsCounter } from "./stats.js";
export type { RequestStats } from "./stats.js";
export { BAD_GATEWAY_REPLY, jsonLinesResponse, mapLines, replyResponse } from "./responses.js";
export type { EmulatorRequest, EmulatorResponse, Reply } from "./responses.js";
export { controlResponse, isControlPath } from "./control-routes.js";
export type { ControlRoutes } from "./control-routes.js";
export { hostForUrl, serveEmulator } from "./serve.js";
export { startCoreEmulator } from "./start-core-emulator.js";
export type { CoreEmulatorParts, EmulatorCore, RunningEmulator } from "./start-core-emulator.js";
export type { ServedEmulator, ServeOptions } from "./serve.js";
export { checkFaultKinds, checkFaultRate, checkInteger, checkScale, checkText } from "./option-checks.js";
export { CliUsageError, COMMON_FLAGS, commonFlagValues, joinNegativeValues, listFlag, numberFlag, parseFlags } from "./cli-flags.js";
export type { CommonFlagValues, FlagSpec } from "./cli-flags.js";
export { checkCommonOptions, commonDefaults } from "./common-options.js";
export type { CommonEmulatorOptions } from "./common-options.js";
export { runEmulatorCommand } from "./run-command.js";
export type { EmulatorCommand } from "./run-command.js";
export { readTruthLines } from "./read-truth.js";
export { BULK_IMAGE_PATH, bulkImageNumber, bulkImageParts, bulkImagePath, bulkImageSha256, isBulkImageNumber, MAX_BULK_IMAGE } from "./bulk-images.js";
export { startBulkCdn } from "./bulk-cdn.js";
export type { BulkCdn, BulkCdnOptions } from "./bulk-cdn.js";
export { drawFault } from "./fault-outcome.js";
export type { FaultOutcome } from "./fault-outcome.js";
export {
  CROSS_POST_BREEDS,
  CROSS_POST_SITES,
  CROSS_POSTS_PER_BREED,
  crossPostParts,
  crossPostPool,
  crossPostsOf,
  crossPostWarmUpTasks,
  placeCrossPostsOn,
} from "./cross-post-pool.js";
export type { CrossPost, CrossPostSite } from "./cross-post-pool.js";
export { expectedCrossPosts } from "./expected-cross-posts.js";
export type { CrossPostTruthLine, ExpectedCrossPost } from "./expected-cross-posts.js";
