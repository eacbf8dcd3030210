import type { CommandIO, ProgressView } from "./command-io.js";

// C0 controls, DEL and C1 controls (U+009B is CSI on terminals that read 8-bit controls).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const SHORT: Readonly<Record<string, string>> = { "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r" };

// The escapes are JSON's, so a --json line stays valid JSON with the same values.
const escape = (c: string) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * `text` with every control character (C0, DEL, C1; newline and tab included) written as an
 * escape (`\n`, `\t`, `\u001b`, `\u009b`), so text from elsewhere (a label, a breed name, a
 * file name) can neither drive the terminal nor break a line or a table cell.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, escape);
}

/** Like `printable`, but keeps the newlines: for whole lines of output, which may hold several. */
export function printableLines(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, escape);
}

/**
 * The one place the command's output passes: `io` whose stdout, stderr and progress log write
 * `printableLines` of what they are given.
 */
export function printableIO(io: CommandIO): CommandIO {
  const { createProgressView } = io;
  return {
    ...io,
    stdout: (line) => io.stdout(printableLines(line)),
    stderr: (line) => io.stderr(printableLines(line)),
    ...(createProgressView ? { createProgressView: () => printableView(createProgressView()) } : {}),
  };
}

function printableView(view: ProgressView): ProgressView {
  return { update: (progress) => view.update(progress), log: (line) => view.log(printableLines(line)), stop: () => view.stop() };
}
