/** The folder (and label) of URLs listed without a label. */
export const UNLABELLED = "unlabelled";
