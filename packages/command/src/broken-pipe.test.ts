import { expect, test } from "vitest";
import { createPipeOutput, isBrokenPipe } from "./broken-pipe.js";

test("a broken pipe closes the output once: later lines are dropped and onClosed runs once", () => {
  let closes = 0;
  const written: string[] = [];
  const output = createPipeOutput(() => closes++);
  output.write(() => written.push("one"));
  output.write(() => {
    throw Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
  });
  output.fail(Object.assign(new Error("Broken pipe (os error 32)"), { name: "BrokenPipe" }));
  output.write(() => written.push("two"));
  expect([written, closes, output.closed]).toEqual([["one"], 1, true]);
});

test("any other write error is thrown on", () => {
  const output = createPipeOutput(() => {});
  expect(() => output.fail(new Error("EIO"))).toThrow("EIO");
  expect(output.closed).toBe(false);
  expect([isBrokenPipe({ code: "EPIPE" }), isBrokenPipe({ name: "BrokenPipe" }), isBrokenPipe(undefined), isBrokenPipe({ code: "EIO" })]).toEqual([
    true,
    true,
    false,
    false,
  ]);
});
