import { VERSION } from "./version.js";

/**
 * The User-Agent sent unless `userAgent` says otherwise: it names the tool, its version
 * and where to read about it, so a server operator can tell who is fetching.
 */
export const DEFAULT_USER_AGENT = `cat-harvest-downloader/${VERSION} (+https://github.com/cat-harvest/cat-harvest)`;
