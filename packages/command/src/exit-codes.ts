/** Everything asked for was done. */
export const EXIT_OK = 0;
/** Nothing useful was done: an error before or during the work (credentials, DEST, network). */
export const EXIT_FAILURE = 1;
/** Bad command line: an unknown flag, a bad value, an unknown breed. Nothing was done. */
export const EXIT_USAGE = 2;
/**
 * The run ended but not everything is in: some photos failed, or the daily quota (or an API
 * error) stopped the record fetching. Run the same command again to continue. For `verify`:
 * files are missing or corrupted.
 */
export const EXIT_PARTIAL = 3;
/** Stopped by Ctrl-C (SIGINT) or SIGTERM after writing what was stored; run again to resume. */
export const EXIT_INTERRUPTED = 130;
/** Stopped because the output's reader went away (`| head`): 128 + SIGPIPE, as for a Unix tool it kills. */
export const EXIT_BROKEN_PIPE = 141;
