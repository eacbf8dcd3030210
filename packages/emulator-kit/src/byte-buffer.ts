/** A growing byte array that encoders append to, one byte at a time. */
export class ByteBuffer {
  bytes: Uint8Array = new Uint8Array(1 << 16);
  length = 0;

  byte(b: number): void {
    if (this.length === this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = b;
  }

  /** The bytes written so far, as a new array. */
  written(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}
