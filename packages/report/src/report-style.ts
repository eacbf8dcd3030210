/** The report's whole style sheet: system fonts only, nothing fetched. */
export const REPORT_STYLE = `
:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fff;--muted:#6b6b70;--bar:#3b7dd8;--thin:#d8833b;--line:#ddd}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161618;--muted:#9a9aa0;--line:#333}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{position:sticky;top:0;z-index:2;display:flex;gap:1em;align-items:center;padding:.5em 1em;background:var(--bg);border-bottom:1px solid var(--line)}
header.top h1{font-size:1.1em;margin:0;flex:1}
main{padding:0 1em 3em;max-width:1400px;margin:auto}
h2{margin-top:1.6em}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}
dl.summary dt{color:var(--muted)}
dl.summary dd{margin:0}
table{border-collapse:collapse}
td,th{padding:.15em .5em;text-align:left;vertical-align:top}
table.chart{width:100%}
table.chart th{font-weight:normal;white-space:nowrap;width:1%}
table.chart td.n{text-align:right;width:1%;font-variant-numeric:tabular-nums}
.bar{height:.9em;background:var(--bar);min-width:1px}
tr.thin .bar{background:var(--thin)}
tr.thin th::after{content:" \\2193";color:var(--thin)}
.legend .swatch{display:inline-block;width:1em;height:.8em;background:var(--thin)}
section.sheet{content-visibility:auto;contain-intrinsic-size:auto 400px;scroll-margin-top:3em}
#summary,#chart,#failures{scroll-margin-top:3em}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(136px,1fr));gap:6px}
.grid figure{margin:0;text-align:center}
.grid img{display:block;margin:auto;max-width:100%;height:auto;background:var(--line)}
.grid figcaption{font-size:11px;color:var(--muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.missing{display:flex;align-items:center;justify-content:center;height:100px;border:1px dashed var(--line);color:var(--muted);font-size:11px}
.muted{color:var(--muted)}
code{word-break:break-all}
`;
