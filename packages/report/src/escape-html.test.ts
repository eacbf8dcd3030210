import { describe, expect, test } from "vitest";
import { escapeHtml, fileHref } from "./escape-html.js";

describe("escapeHtml", () => {
  test.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`a "b" 'c' & d`, "a &quot;b&quot; &#39;c&#39; &amp; d"],
    ["Maine Coon", "Maine Coon"],
  ])("%j -> %j", (text, html) => expect(escapeHtml(text)).toBe(html));
});

describe("fileHref", () => {
  test.each([
    ["Bengal/1-1.jpg", "Bengal/1-1.jpg"],
    ["Extra-Toes Cat/a b#c?.jpg", "Extra-Toes%20Cat/a%20b%23c%3F.jpg"],
    ["javascript:alert(1)/x.jpg", "javascript%3Aalert(1)/x.jpg"],
  ])("%j -> %j (each segment encoded, never a scheme)", (key, href) => expect(fileHref(key)).toBe(href));
});
