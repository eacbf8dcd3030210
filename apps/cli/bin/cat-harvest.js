#!/usr/bin/env node
// A committed bin, so npm links `cat-harvest` into node_modules/.bin at install time (it skips
// a bin whose file does not exist yet, as dist/ does in a fresh checkout before the build).
await import("../dist/cli.js");
