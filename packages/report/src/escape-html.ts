const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text from outside (breed names, file names, URLs, reasons) as HTML text or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A stored file's key as a relative link from report.html (each segment percent-encoded, so it is never a scheme). */
export function fileHref(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}
