import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { END_OF_ARCHIVE, TAIL_MEMBER_SIZE, emptyMember, fixedSizeMember, gzipMember, readMember, tailMember } from "./gzip-member.js";

const readerOf = (file: Uint8Array) => async (offset: number, length: number) => file.subarray(offset, offset + length);

describe("gzip members", () => {
  test("the tail member and the empty member have the same size and decode to tar's end marker and nothing", () => {
    expect(tailMember().byteLength).toBe(TAIL_MEMBER_SIZE);
    expect(emptyMember().byteLength).toBe(TAIL_MEMBER_SIZE);
    expect(new Uint8Array(gunzipSync(tailMember()))).toEqual(END_OF_ARCHIVE);
    expect(gunzipSync(emptyMember()).byteLength).toBe(0);
  });

  test("a fixed-size member refuses data that cannot fit", () => {
    expect(() => fixedSizeMember(crypto.getRandomValues(new Uint8Array(100)), 64)).toThrow(RangeError);
  });

  test("concatenated members read as one stream, and readMember walks them one by one", async () => {
    const first = await gzipMember(new TextEncoder().encode("hello "), 6);
    const second = await gzipMember(new TextEncoder().encode("world"), 6);
    const file = new Uint8Array([...first, ...emptyMember(), ...second]);
    expect(new TextDecoder().decode(gunzipSync(file))).toBe("hello world");
    const a = await readMember(readerOf(file), 0, file.length);
    expect(a).toMatchObject({ kind: "member", length: first.length });
    const b = await readMember(readerOf(file), first.length, file.length);
    expect(b).toMatchObject({ kind: "member", length: TAIL_MEMBER_SIZE });
    const c = await readMember(readerOf(file), first.length + TAIL_MEMBER_SIZE, file.length);
    expect(c.kind === "member" && new TextDecoder().decode(c.data)).toBe("world");
  });

  test("a member written by gzip with a file name is read too", async () => {
    const member = new Uint8Array(gzipSync("named"));
    // Set FNAME and insert a name after the 10-byte header.
    const named = new Uint8Array([
      ...member.subarray(0, 3),
      member[3]! | 8,
      ...member.subarray(4, 10),
      ...new TextEncoder().encode("x.tar\0"),
      ...member.subarray(10),
    ]);
    const read = await readMember(readerOf(named), 0, named.length);
    expect(read.kind === "member" && new TextDecoder().decode(read.data)).toBe("named");
  });

  test.each([
    ["cut short", (m: Uint8Array) => m.subarray(0, m.length - 3), "truncated"],
    ["only the header", (m: Uint8Array) => m.subarray(0, 6), "truncated"],
    ["zero padding", (m: Uint8Array) => new Uint8Array(m.length), "truncated"],
    ["not gzip", () => new TextEncoder().encode("plain text, not gzip at all"), "corrupt"],
    ["a bad CRC", (m: Uint8Array) => m.map((b, i) => (i === m.length - 6 ? b ^ 0xff : b)), "corrupt"],
  ])("reports a member with %s as %s", async (_, damage, kind) => {
    const bytes = damage(await gzipMember(crypto.getRandomValues(new Uint8Array(5_000)), 6));
    expect((await readMember(readerOf(bytes), 0, bytes.length)).kind).toBe(kind);
  });
});
