import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

/** Debian's chromium, driven by playwright-core: nothing is downloaded. */
const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** What a real browser saw of a report.html opened from disk. */
export interface ReportInBrowser {
  /** Every URL the page requested. */
  readonly requests: string[];
  /** Every `<img>`: its `naturalWidth` once scrolled into view and decoded, and where its link points. */
  readonly images: Array<{ naturalWidth: number; src: string; href: string | null }>;
  /** The chart's rows as shown: breed name and the number beside its bar. */
  readonly chart: Array<[string, number]>;
  /** `location.hash` after choosing the second breed in the jump list. */
  readonly jumpedTo: string;
  readonly pageErrors: string[];
  /** Every `src` or `href` in the page that resolves to something other than file: or data: (none may). */
  readonly externalReferences: string[];
}

/** Opens `file` in headless chromium via file://, looks at every thumbnail, saves a screenshot to `screenshot`. */
export async function openReportInBrowser(file: string, screenshot: string): Promise<ReportInBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    const requests: string[] = [];
    const pageErrors: string[] = [];
    page.on("request", (request) => void requests.push(request.url()));
    page.on("pageerror", (error) => void pageErrors.push(error.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await mkdir(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    // Thumbnails load lazily: scroll each into view, as a reader would, and wait until it is decoded.
    const images = await page.evaluate(async () => {
      const all = [...document.images];
      for (const img of all) {
        img.scrollIntoView();
        // An image that never loads is caught by the naturalWidth check, not by a hung test.
        await Promise.race([img.decode().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
      return all.map((img) => ({ naturalWidth: img.naturalWidth, src: img.src.slice(0, 40), href: img.closest("a")?.getAttribute("href") ?? null }));
    });
    const externalReferences = await page.$$eval("[src],[href]", (elements) =>
      elements.map((e) => (e as HTMLImageElement).src || (e as HTMLAnchorElement).href).filter((url) => !/^(file|data):/.test(url)),
    );
    const chart = await page.$$eval("table.chart tr", (rows) =>
      rows.map((row) => [row.querySelector("th")!.textContent!.trim(), Number(row.querySelector("td.n")!.textContent)] as [string, number]),
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    const second = await page.$$eval("#jump option", (options) => options[2]?.getAttribute("value") ?? "");
    await page.selectOption("#jump", second);
    const jumpedTo = await page.evaluate(() => location.hash);
    return { requests, images, chart, jumpedTo, pageErrors, externalReferences };
  } finally {
    await browser.close();
  }
}
