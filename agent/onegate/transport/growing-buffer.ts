// One buffer that doubles as bytes are appended, never past a hard limit. The response parser copies a body (and
// each line of a head) into it, so that no socket read is retained and memory follows the bytes kept, whatever
// their framing: a chunked body of one-byte chunks costs what its payload costs, not one Buffer per chunk.

/** Bytes appended in order into one buffer of at most `limit` bytes. */
export class GrowingBuffer {
  #bytes: Buffer;
  #length = 0;
  readonly #limit: number;

  /** At most `limit` bytes; the first allocation is `initial` bytes (clamped to the limit). */
  constructor(limit: number, initial = 1024) {
    this.#limit = limit;
    this.#bytes = Buffer.allocUnsafe(Math.min(initial, limit));
  }

  /** Bytes appended so far. */
  get length(): number {
    return this.#length;
  }

  /** Copies `src[start, end)`; returns false, copying nothing, when that would pass the limit. */
  append(src: Buffer, start = 0, end = src.length): boolean {
    const needed = this.#length + (end - start);
    if (needed > this.#limit) return false;
    if (needed > this.#bytes.length) this.#grow(needed);
    src.copy(this.#bytes, this.#length, start, end);
    this.#length = needed;
    return true;
  }

  /** The bytes so far: a view, valid until the next append or clear. */
  view(): Buffer {
    return this.#bytes.subarray(0, this.#length);
  }

  /** Forgets the bytes, keeping the allocation. */
  clear(): void {
    this.#length = 0;
  }

  #grow(needed: number): void {
    let size = Math.max(this.#bytes.length * 2, 64);
    while (size < needed) size *= 2;
    const next = Buffer.allocUnsafe(Math.min(size, this.#limit));
    this.#bytes.copy(next, 0, 0, this.#length);
    this.#bytes = next;
  }
}
