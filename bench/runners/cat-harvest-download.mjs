// placeholder until @cat-harvest/downloader lands
console.error("cat-harvest downloader runner: the downloader API is not wired yet");
process.exit(1);
