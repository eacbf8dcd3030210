import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  drawCat,
  encodeGif,
  encodeJpeg,
  encodePng,
  type EmulatorResponse,
  imageBytes,
  imageSha256,
  labelledImage,
  noiseBytes,
  serveEmulator,
  toPaletteIndexes,
} from "@cat-harvest/emulator-kit";
import type { SmokeCase } from "../../../../tooling/runtime/cases.ts";

function images() {
  const rgba = drawCat(1, 40, 30, 0);
  const indexes = toPaletteIndexes(rgba, 40, 30);
  const label = new TextEncoder().encode("smoke;");
  return [
    labelledImage("jpeg", encodeJpeg(rgba, 40, 30), label, noiseBytes(1, 100)),
    labelledImage("png", encodePng(indexes, 40, 30), label, noiseBytes(2, 100)),
    labelledImage("gif", encodeGif(indexes, 40, 30), label, noiseBytes(3, 100)),
  ];
}

export const cases: SmokeCase[] = [
  {
    name: "emulator-kit: JPEG, PNG and GIF bytes are the same on every runtime (their sha256 as on Node)",
    fn() {
      const hashes = images().map((parts) => imageSha256(parts));
      assert.deepEqual(
        hashes,
        images().map((parts) => createHash("sha256").update(imageBytes(parts)).digest("hex")),
      );
      assert.deepEqual(hashes, SHA256_ON_NODE);
    },
  },
  {
    name: "emulator-kit: serveEmulator answers replies, images and JSON lines on loopback",
    async fn() {
      const [jpeg] = images();
      const served = await serveEmulator(
        { host: "127.0.0.1", port: 0, latencyMs: 0, stallMs: 0, listenError: (cause) => cause },
        () =>
          (req): EmulatorResponse => {
            if (req.url === "/image") return { kind: "image", head: false, headers: { "content-type": "image/jpeg" }, parts: jpeg! };
            if (req.url === "/lines") return { kind: "lines", headers: {}, lines: ["a\n", "b\n"] };
            return { kind: "reply", reply: { status: 404, headers: {}, body: "no" } };
          },
      );
      try {
        const bytes = new Uint8Array(await (await fetch(`${served.url}/image`)).arrayBuffer());
        assert.equal(bytes.length, jpeg!.length);
        assert.equal(await (await fetch(`${served.url}/lines`)).text(), "a\nb\n");
        assert.equal((await fetch(`${served.url}/other`)).status, 404);
      } finally {
        await served.stop();
      }
    },
  },
];

/** The sha256 of `images()` as Node computes them (the same bytes must come out everywhere). */
const SHA256_ON_NODE: readonly string[] = [
  "dd4b112fe07f8ebd552274390cdd01011dfa2c0dc604f7c5a4ea06a4ff84b7d5",
  "142c894642fb5862a7ac04f50f1dc5a76dd0f5bcc98baaaad6f21f1db31d85c9",
  "fa33a162d784c56155a41ae7b9669769597239f416e477317540e2968ef8dbbc",
];
