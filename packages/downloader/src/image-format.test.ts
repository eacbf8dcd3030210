import { describe, expect, test } from "vitest";
import { detectImageFormat } from "./index.js";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

describe("detectImageFormat", () => {
  test.each([
    ["JPEG (JFIF)", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46), "jpeg"],
    ["JPEG (EXIF)", bytes(0xff, 0xd8, 0xff, 0xe1, 0, 0, 0x45, 0x78), "jpeg"],
    ["PNG", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), "png"],
    ["GIF87a", text("GIF87a\x01\x00\x01\x00"), "gif"],
    ["GIF89a", text("GIF89a\x01\x00\x01\x00"), "gif"],
    ["WebP", text("RIFF\x10\x00\x00\x00WEBPVP8 "), "webp"],
  ])("recognises %s", (_name, input, format) => {
    expect(detectImageFormat(input)).toBe(format);
  });

  test.each([
    ["an HTML error page", text("<!DOCTYPE html><html>")],
    ["JSON", text('{"error":"not found"}')],
    ["a WAV (RIFF but not WEBP)", text("RIFF\x10\x00\x00\x00WAVEfmt ")],
    ["GIF with a bad version", text("GIF88a\x01\x00")],
    ["a lone FFD8", bytes(0xff, 0xd8)],
    ["nothing", bytes()],
    ["a PNG cut inside its signature", bytes(0x89, 0x50, 0x4e, 0x47)],
  ])("refuses %s", (_name, input) => {
    expect(detectImageFormat(input)).toBeNull();
  });
});
