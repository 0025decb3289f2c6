// The size line of one chunk (RFC 9112 §7.1): hexadecimal digits, then extensions `;name[=token|"quoted"]`
// without whitespace, as llhttp reads them. Judged byte by byte; the size is known before the line ends, so
// that a chunk announced larger than the body limit fails at once.
import { HTAB, hexValue, isTokenByte, SP } from './http-bytes';

type State = 'size' | 'name-start' | 'name' | 'value-start' | 'value' | 'quoted' | 'escaped' | 'after-quote';

const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isQuotedByte(b: number): boolean {
  return b === HTAB || (b >= SP && b !== 0x7f && b !== QUOTE && b !== BACKSLASH);
}

/** One chunk size line, fed byte by byte. */
export class ChunkSizeLine {
  #state: State = 'size';
  #digits = 0;
  /** The chunk size read so far. */
  size = 0;

  /** Adds one byte; false when it cannot continue the line. */
  push(b: number): boolean {
    switch (this.#state) {
      case 'size': {
        const digit = hexValue(b);
        if (digit >= 0) {
          this.#digits++;
          this.size = this.size * 16 + digit;
          return true;
        }
        return this.#digits > 0 && this.#to(b === SEMICOLON, 'name-start');
      }
      case 'name-start':
      case 'name':
        if (isTokenByte(b)) return this.#to(true, 'name');
        return this.#state === 'name' && (b === SEMICOLON ? this.#to(true, 'name-start') : this.#to(b === EQUALS, 'value-start'));
      case 'value-start':
        if (b === QUOTE) return this.#to(true, 'quoted');
        return this.#to(isTokenByte(b), 'value');
      case 'value':
        return isTokenByte(b) || this.#to(b === SEMICOLON, 'name-start');
      case 'quoted':
        if (b === QUOTE) return this.#to(true, 'after-quote');
        return b === BACKSLASH ? this.#to(true, 'escaped') : isQuotedByte(b);
      case 'escaped':
        return this.#to(b === HTAB || (b >= SP && b !== 0x7f), 'quoted');
      case 'after-quote':
        return this.#to(b === SEMICOLON, 'name-start');
    }
  }

  /** True when the line may end here. */
  complete(): boolean {
    return (
      (this.#state === 'size' && this.#digits > 0) || this.#state === 'name' || this.#state === 'value' || this.#state === 'after-quote'
    );
  }

  #to(ok: boolean, state: State): boolean {
    if (ok) this.#state = state;
    return ok;
  }
}
