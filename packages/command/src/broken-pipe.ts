/** Whether `error` is a write to a pipe whose reader has gone: Node's and Bun's `EPIPE`, Deno's `BrokenPipe`. */
export function isBrokenPipe(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, name } = error as { code?: unknown; name?: unknown };
  return code === "EPIPE" || name === "BrokenPipe";
}

/** Standard output and error as an app writes them, quiet once a reader has gone. */
export interface PipeOutput {
  /** Runs `write` unless the output is closed; a broken pipe it throws closes the output. */
  readonly write: (write: () => void) => void;
  /** Takes a stream's error: a broken pipe closes the output (once), anything else is thrown on. */
  readonly fail: (error: unknown) => void;
  /** Whether a reader has gone: the app then exits with `EXIT_BROKEN_PIPE`. */
  readonly closed: boolean;
}

/**
 * What Unix tools do when the reader of their output goes away (`cat-harvest verify DEST |
 * head -1`): stop quietly. After the first broken pipe nothing more is written, to either
 * stream, and `onClosed` runs once (the apps stop the run there, as Ctrl-C does).
 */
export function createPipeOutput(onClosed: () => void): PipeOutput {
  let closed = false;
  const fail = (error: unknown) => {
    if (!isBrokenPipe(error)) throw error;
    if (closed) return;
    closed = true;
    onClosed();
  };
  const write = (write: () => void) => {
    if (closed) return;
    try {
      write();
    } catch (error) {
      fail(error);
    }
  };
  return {
    write,
    fail,
    get closed() {
      return closed;
    },
  };
}
