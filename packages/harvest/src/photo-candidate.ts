import type { DownloadJob } from "@cat-harvest/downloader";
import type { PhotoCandidate } from "@cat-harvest/photos";

export type { PhotoCandidate };

/** A candidate the pipeline decided to download: the downloader's job, its meta the candidate. */
export type PhotoJob = DownloadJob<PhotoCandidate>;
