/**
 * A reader for the TOML that Cargo.toml files are written in, which returns exactly the value
 * smol-toml's `parse` returns (tables as null-prototype objects, keys in document order) or declines.
 * A workspace's manifests are read on every audit, and smol-toml spends most of its time on
 * bookkeeping for cases a manifest never has; this reader spends it on what manifests do have.
 *
 * It declines (returns undefined) the moment it meets anything it is not sure of, whether valid or
 * not, and the caller then runs smol-toml, the general path, which also words syntax errors. So
 * correctness never rests on this reader: what it accepts, smol-toml accepts with the same value (a
 * differential test and a mutation property in test/manifest.toml-subset.test.ts hold it to that).
 *
 * What it reads (TOML 1.0, https://toml.io/en/v1.0.0):
 * - `[table]` and `[[array.of.tables]]` headers, dotted and quoted keys, `key = value` lines;
 * - basic strings with the short escapes, literal strings, both multi-line forms, decimal integers
 *   (signed or not) without underscores, booleans, arrays (over several lines, with comments), inline tables
 *   on one line; comments; LF or CRLF line ends.
 * What it declines: floats, dates and times, `-0`, `1_000`, `0x…` integers, `\u`/`\U` and line-ending
 * backslash escapes, CR inside multi-line strings, dotted keys in inline tables, a header that enters
 * a table defined by dotted keys or an array of tables, an empty or `__proto__` key, a byte order
 * mark, and every error.
 */

/**
 * What the reader reports as it reads, in text order, for a line-based reader that wants to see the
 * same lines without reading the text again: `keyValue` for each `key = …` line (its first key part,
 * unquoted, and its line), `line` for each header and for each non-empty line that continues a
 * multi-line array or string, with the position of its first character after spaces and tabs. Top-
 * level lines that are empty or only a comment are left out. Lines are numbered from 1 and split at LF.
 * What it reported before declining is to be thrown away.
 */
export interface TomlLineListener {
  line(at: number, line: number): void;
  keyValue(key: string, line: number): void;
}

/** A TOML table as smol-toml returns it: a null-prototype object. */
export type TomlTable = Record<string, unknown>;

/** How a header-made table came to be, which decides whether a header may still define it (TOML 1.0, "Table"). */
const IMPLICIT = 1; // created as a prefix of a header: `[a.b]` creates `a`; `[a]` may still define it
const EXPLICIT = 2; // defined by a header (or an element of an array of tables): never again by a header

/** Thrown to leave the reader from any depth; never escapes {@link readTomlSubset}. */
const DECLINED = Object.freeze({ declined: true });

/** Arrays and inline tables nested deeper than this are declined (smol-toml's own limit is 1,000). */
const MAX_DEPTH = 64;

/**
 * Reads `text` if it is in the subset, returning smol-toml's value for it; undefined when declined.
 * `listener` hears of the lines as they are read.
 *
 * @example
 * readTomlSubset('[package]\nname = "a"\n'); // { package: { name: 'a' } }
 * readTomlSubset('x = 1.5\n'); // undefined: floats are declined
 */
export function readTomlSubset(text: string, listener?: TomlLineListener): TomlTable | undefined {
  try {
    return new SubsetReader(text, listener).read();
  } catch (error) {
    if (error === DECLINED) return undefined;
    throw error;
  }
}

function decline(): never {
  throw DECLINED;
}

function newTable(): TomlTable {
  return Object.create(null) as TomlTable;
}

/** 1 for a bare key character, A-Z a-z 0-9 _ - (TOML 1.0, "Keys"), by character code below 128. */
const BARE = new Uint8Array(128);
for (const code of [45, 95]) BARE[code] = 1;
for (let code = 48; code <= 57; code++) BARE[code] = 1;
for (let code = 65; code <= 90; code++) BARE[code] = 1;
for (let code = 97; code <= 122; code++) BARE[code] = 1;

/** A bare key character (false for the end of the text, NaN). */
function isBare(code: number): boolean {
  return BARE[code] === 1;
}

/** Control characters TOML allows in no string or comment: all below space but tab, and DEL. */
function isControl(code: number): boolean {
  return (code < 32 && code !== 9) || code === 127;
}

class SubsetReader {
  private at = 0;
  private depth = 0;
  /** The tables headers created, by how; tables of dotted keys and inline tables are absent. */
  private readonly kinds = new Map<TomlTable, number>();
  /**
   * The tables dotted keys created in the current section (since the last header): only those may be
   * extended by more dotted keys. One made in an earlier section cannot be reached again: dotted keys
   * start from the section's table, a header never defines a table twice, and a header that enters a
   * dotted-key table is declined.
   */
  private dotted: TomlTable[] = [];
  /** The arrays `[[…]]` headers created (a `key = [ … ]` array is a value and cannot be extended). */
  private readonly tableArrays = new Set<unknown[]>();

  /** The 1-based number of the line `at` is on. */
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly listener: TomlLineListener | undefined,
  ) {}

  read(): TomlTable {
    const text = this.text;
    const root = newTable();
    let table = root;
    this.skipBlank();
    while (this.at < text.length) {
      if (text.charCodeAt(this.at) === 91 /* [ */) {
        this.listener?.line(this.at, this.line);
        table = this.header(root);
        if (this.dotted.length > 0) this.dotted = [];
      } else this.keyValue(table);
      this.endOfLine();
      this.skipBlank();
    }
    return root;
  }

  /** `[a.b]` or `[[a.b]]`: the table that the following key/value lines fill. */
  private header(root: TomlTable): TomlTable {
    const text = this.text;
    this.at++;
    const isArray = text.charCodeAt(this.at) === 91; /* [ */
    if (isArray) this.at++;
    this.skipSpaces();
    let key = this.keyPart();
    this.skipSpaces();
    let table = root;
    while (text.charCodeAt(this.at) === 46 /* . */) {
      this.at++;
      this.skipSpaces();
      table = this.headerPrefix(table, key);
      key = this.keyPart();
      this.skipSpaces();
    }
    // `]]` closes an array header with nothing between its brackets.
    if (text.charCodeAt(this.at) !== 93 /* ] */) decline();
    this.at++;
    if (isArray) {
      if (text.charCodeAt(this.at) !== 93) decline();
      this.at++;
    }
    const existing = table[key];
    if (!isArray) {
      if (existing === undefined) {
        const created = newTable();
        table[key] = created;
        this.kinds.set(created, EXPLICIT);
        return created;
      }
      // A super-table may be defined after its sub-tables, once ("Table": `[x.y.z.w]` then `[x]`).
      if (this.kinds.get(existing as TomlTable) !== IMPLICIT) decline();
      this.kinds.set(existing as TomlTable, EXPLICIT);
      return existing as TomlTable;
    }
    let list: unknown[];
    if (existing === undefined) {
      list = [];
      table[key] = list;
      this.tableArrays.add(list);
    } else if (this.tableArrays.has(existing as unknown[])) list = existing as unknown[];
    else return decline(); // a static array or a table: "Array of Tables" forbids appending to either
    const element = newTable();
    list.push(element);
    this.kinds.set(element, EXPLICIT);
    return element;
  }

  /** A header's key before its last dot: an existing header-made table, or a new implicit one. */
  private headerPrefix(table: TomlTable, key: string): TomlTable {
    const existing = table[key];
    if (existing === undefined) {
      const created = newTable();
      table[key] = created;
      this.kinds.set(created, IMPLICIT);
      return created;
    }
    // Entering a dotted-key table or the last element of an array of tables is valid TOML, but
    // rare in manifests and subtle: leave it to the general path.
    const kind = this.kinds.get(existing as TomlTable);
    if (kind !== IMPLICIT && kind !== EXPLICIT) decline();
    return existing as TomlTable;
  }

  /** `key = value`, `a.b.c = value`: dotted keys create or extend dotted tables only ("Keys"). */
  private keyValue(table: TomlTable): void {
    const text = this.text;
    let key = this.keyPart();
    this.listener?.keyValue(key, this.line);
    this.skipSpaces();
    let target = table;
    while (text.charCodeAt(this.at) === 46 /* . */) {
      this.at++;
      this.skipSpaces();
      const existing = target[key];
      if (existing === undefined) {
        const created = newTable();
        target[key] = created;
        this.dotted.push(created);
        target = created;
      } else if (this.dotted.includes(existing as TomlTable)) target = existing as TomlTable;
      else decline(); // a value, an inline table or a header-defined table: dotted keys cannot extend it
      key = this.keyPart();
      this.skipSpaces();
    }
    if (text.charCodeAt(this.at) !== 61 /* = */) decline();
    this.at++;
    this.skipSpaces();
    if (target[key] !== undefined) decline(); // defined twice
    target[key] = this.value();
  }

  /** One bare or quoted key part, unquoted; escapes, empty keys and `__proto__` are declined. */
  private keyPart(): string {
    const text = this.text;
    const start = this.at;
    const first = text.charCodeAt(start);
    let key: string;
    if (isBare(first)) {
      let end = start + 1;
      while (isBare(text.charCodeAt(end))) end++;
      this.at = end;
      key = text.slice(start, end);
    } else if (first === 34 /* " */ || first === 39 /* ' */) {
      let end = start + 1;
      for (;;) {
        const code = text.charCodeAt(end);
        if (code === first) break;
        if (code === 92 /* \ */ || isControl(code) || Number.isNaN(code)) decline();
        end++;
      }
      if (end === start + 1) decline();
      this.at = end + 1;
      key = text.slice(start + 1, end);
    } else return decline();
    if (key === '__proto__') decline();
    return key;
  }

  private value(): unknown {
    const text = this.text;
    const first = text.charCodeAt(this.at);
    switch (first) {
      case 34 /* " */:
        return text.charCodeAt(this.at + 1) === 34 && text.charCodeAt(this.at + 2) === 34 ? this.multiLineString(34) : this.basicString();
      case 39 /* ' */:
        return text.charCodeAt(this.at + 1) === 39 && text.charCodeAt(this.at + 2) === 39 ? this.multiLineString(39) : this.literalString();
      case 116 /* t */:
        return this.word('true', true);
      case 102 /* f */:
        return this.word('false', false);
      case 91 /* [ */:
        return this.array();
      case 123 /* { */:
        return this.inlineTable();
      default:
        return this.integer(first);
    }
  }

  private word(word: string, value: boolean): boolean {
    if (!this.text.startsWith(word, this.at)) decline();
    this.at += word.length;
    return value;
  }

  /**
   * `0`, or `[1-9][0-9]*` up to 15 digits (always a safe integer) with an optional sign (`priority = -1`
   * is common in `[lints]`), followed by what may end a value; anything else a number can be (`-0`,
   * `_`, `.`, exponent, base prefix, inf, nan, date, time) is declined.
   */
  private integer(first: number): number {
    const text = this.text;
    const start = this.at;
    let digits = start;
    if (first === 45 /* - */ || first === 43 /* + */) {
      digits++;
      first = text.charCodeAt(digits);
      if (first === 48) decline();
    }
    if (!(first >= 48 && first <= 57)) decline(); // also the end of the text (NaN)
    let end = digits + 1;
    if (first !== 48) while (end - digits <= 15 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end - digits > 15) decline();
    const next = text.charCodeAt(end);
    const ends =
      end === text.length ||
      next === 32 ||
      next === 9 ||
      next === 10 ||
      next === 13 ||
      next === 35 ||
      next === 44 ||
      next === 93 ||
      next === 125;
    if (!ends) decline();
    this.at = end;
    return Number(text.slice(start, end));
  }

  /** `"…"` with the short escapes (TOML 1.0, "String"); `\u`, `\U` and the rest are declined. */
  private basicString(): string {
    const text = this.text;
    let start = ++this.at;
    let value = '';
    for (;;) {
      const code = text.charCodeAt(this.at);
      if (code === 34 /* " */) break;
      if (code === 92 /* \ */) {
        value += text.slice(start, this.at) + this.escape();
        start = this.at;
        continue;
      }
      if (isControl(code) || Number.isNaN(code)) decline();
      this.at++;
    }
    value += text.slice(start, this.at);
    this.at++;
    return value;
  }

  /** The character of the escape at `at` (a backslash), moving past it. */
  private escape(): string {
    const code = this.text.charCodeAt(this.at + 1);
    this.at += 2;
    switch (code) {
      case 34:
        return '"';
      case 92:
        return '\\';
      case 110 /* n */:
        return '\n';
      case 116 /* t */:
        return '\t';
      case 114 /* r */:
        return '\r';
      case 98 /* b */:
        return '\b';
      case 102 /* f */:
        return '\f';
      default:
        return decline();
    }
  }

  /** `'…'`: no escapes, no control characters but tab. */
  private literalString(): string {
    const text = this.text;
    const start = ++this.at;
    for (;;) {
      const code = text.charCodeAt(this.at);
      if (code === 39 /* ' */) break;
      if (isControl(code) || Number.isNaN(code)) decline();
      this.at++;
    }
    return text.slice(start, this.at++);
  }

  /**
   * `"""…"""` or `'''…'''`. A newline right after the opening delimiter is trimmed ("String"). One or
   * two quotes inside are content; a closing delimiter followed by more quotes (`""""`), a
   * line-ending backslash and a CR are declined.
   */
  private multiLineString(quote: number): string {
    const text = this.text;
    this.at += 3;
    if (text.charCodeAt(this.at) === 10) this.newLineIn(++this.at);
    let start = this.at;
    let value = '';
    for (;;) {
      const code = text.charCodeAt(this.at);
      if (code === quote && text.charCodeAt(this.at + 1) === quote && text.charCodeAt(this.at + 2) === quote) {
        if (text.charCodeAt(this.at + 3) === quote) decline();
        break;
      }
      if (code === 92 /* \ */ && quote === 34) {
        value += text.slice(start, this.at) + this.escape();
        start = this.at;
        continue;
      }
      if (code === 10) this.newLineIn(this.at + 1);
      else if (isControl(code) || Number.isNaN(code)) decline();
      this.at++;
    }
    value += text.slice(start, this.at);
    this.at += 3;
    return value;
  }

  /** A line of a multi-line string starts at `start`: count it, and report it unless it is empty. */
  private newLineIn(start: number): void {
    this.line++;
    if (this.listener === undefined) return;
    const text = this.text;
    let first = start;
    while (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9) first++;
    if (first < text.length && text.charCodeAt(first) !== 10) this.listener.line(first, this.line);
  }

  /** `[ v, v, ]` over any number of lines, with comments; a trailing comma is allowed ("Array"). */
  private array(): unknown[] {
    const text = this.text;
    if (++this.depth > MAX_DEPTH) decline();
    this.at++;
    const list: unknown[] = [];
    for (;;) {
      this.skipBlank();
      if (text.charCodeAt(this.at) === 93 /* ] */) break;
      list.push(this.value());
      this.skipBlank();
      const code = text.charCodeAt(this.at);
      if (code === 44 /* , */) this.at++;
      else if (code === 93) break;
      else decline();
    }
    this.at++;
    this.depth--;
    return list;
  }

  /** `{ k = v, k = v }` on one line, without a trailing comma or dotted keys ("Inline Table"). */
  private inlineTable(): TomlTable {
    const text = this.text;
    if (++this.depth > MAX_DEPTH) decline();
    this.at++;
    const table = newTable();
    this.skipSpaces();
    if (text.charCodeAt(this.at) !== 125 /* } */) {
      for (;;) {
        const key = this.keyPart();
        this.skipSpaces();
        if (text.charCodeAt(this.at) !== 61 /* = */) decline();
        this.at++;
        this.skipSpaces();
        if (table[key] !== undefined) decline();
        table[key] = this.value();
        this.skipSpaces();
        const code = text.charCodeAt(this.at);
        if (code === 125) break;
        if (code !== 44 /* , */) decline();
        this.at++;
        this.skipSpaces();
      }
    }
    this.at++;
    this.depth--;
    return table;
  }

  private skipSpaces(): void {
    const text = this.text;
    let code = text.charCodeAt(this.at);
    while (code === 32 || code === 9) code = text.charCodeAt(++this.at);
  }

  /**
   * Spaces, tabs, LF or CRLF line ends and comments. Inside an array, each line it enters that is not
   * empty is reported (at top level the caller reports the statement that follows).
   */
  private skipBlank(): void {
    const text = this.text;
    let lineStart = false;
    for (;;) {
      const code = text.charCodeAt(this.at);
      if (code === 32 || code === 9) this.at++;
      else if (code === 10 || (code === 13 && text.charCodeAt(this.at + 1) === 10)) {
        this.at += code === 10 ? 1 : 2;
        this.line++;
        lineStart = this.depth > 0;
      } else {
        if (lineStart && this.at < text.length) this.listener?.line(this.at, this.line);
        if (code !== 35 /* # */) return;
        lineStart = false;
        this.comment();
      }
    }
  }

  /** From `#` to the line end (left in place); control characters but tab are declined ("Comment"). */
  private comment(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(++this.at);
      if (code === 10 || Number.isNaN(code)) return;
      if (code === 13 && text.charCodeAt(this.at + 1) === 10) return;
      if (isControl(code)) decline();
    }
  }

  /** After a header or a key/value: spaces, an optional comment, then a line end or the end of text. */
  private endOfLine(): void {
    const text = this.text;
    this.skipSpaces();
    if (text.charCodeAt(this.at) === 35) this.comment();
    if (this.at >= text.length) return;
    const code = text.charCodeAt(this.at);
    if (code === 10) this.at++;
    else if (code === 13 && text.charCodeAt(this.at + 1) === 10) this.at += 2;
    else decline();
    this.line++;
  }
}
