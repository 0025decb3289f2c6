// Bytes appended in order, never past a hard limit. The response parser copies a body (and each line of a head)
// in here, so that no socket read is retained and memory follows the bytes kept, whatever their framing: a
// chunked body of one-byte chunks costs what its payload costs, not one Buffer per chunk.
// The bytes live in blocks that are filled, never reallocated: a doubling buffer holds the old copy beside the
// new one at each growth (1.5x the limit at the moment a body reaches it), blocks hold the bytes once. A body of
// known length gets one block of that length, so reading it never copies twice; blocks are joined only when the
// bytes are wanted (`view`), which a body refused at the limit never is.

/** Largest block allocated for a body of unknown length. */
const MAX_BLOCK = 1024 * 1024;

/** Bytes appended in order, at most `limit` of them. */
export class GrowingBuffer {
  #blocks: Buffer[] = [];
  // Bytes used in the last block.
  #used = 0;
  #length = 0;
  readonly #limit: number;
  readonly #initial: number;

  /** At most `limit` bytes; the first block is `initial` bytes (clamped to the limit), later ones double up to 1 MiB. */
  constructor(limit: number, initial = 1024) {
    this.#limit = limit;
    this.#initial = Math.max(1, Math.min(initial, limit));
  }

  /** Bytes appended so far. */
  get length(): number {
    return this.#length;
  }

  /** Copies `src[start, end)`; returns false, copying nothing, when that would pass the limit. */
  append(src: Buffer, start = 0, end = src.length): boolean {
    if (this.#length + (end - start) > this.#limit) return false;
    let from = start;
    while (from < end) {
      let block = this.#blocks.at(-1);
      if (!block || this.#used === block.length) block = this.#addBlock();
      const n = Math.min(end - from, block.length - this.#used);
      src.copy(block, this.#used, from, from + n);
      this.#used += n;
      from += n;
    }
    this.#length += end - start;
    return true;
  }

  /** The bytes so far as one buffer (blocks are joined once, then kept joined): valid until the next append. */
  view(): Buffer {
    if (this.#blocks.length > 1) {
      const joined = Buffer.allocUnsafeSlow(this.#length);
      let at = 0;
      for (const block of this.#blocks) at += block.copy(joined, at, 0, Math.min(block.length, this.#length - at));
      this.#blocks = [joined];
      this.#used = joined.length;
    }
    return (this.#blocks[0] ?? Buffer.alloc(0)).subarray(0, this.#length);
  }

  #addBlock(): Buffer {
    const last = this.#blocks.at(-1)?.length;
    const size = last === undefined ? this.#initial : Math.min(Math.max(last * 2, 64), MAX_BLOCK);
    // allocUnsafeSlow: not from Node's shared pool, so a block is freed with the response, not with its neighbours.
    const block = Buffer.allocUnsafeSlow(Math.min(size, this.#limit - this.#length));
    this.#blocks.push(block);
    this.#used = 0;
    return block;
  }
}
