// Rewrites bundled JavaScript files so that they hold only ASCII: every other character becomes a
// \uXXXX escape (two for a character outside the BMP). Node reads a source file into a V8 string;
// one non-ASCII character anywhere makes the whole file a two-byte string, slower to decode, hash and
// scan on every start (see `pnpm bench:cli`). The escape means the same character in a string,
// template, regular expression or identifier, and nothing in a comment.
//
// usage: node scripts/ascii-only.mjs <file.js>...
import { readFileSync, writeFileSync } from 'node:fs';

const unicodeEscape = (unit) => `\\u${unit.toString(16).padStart(4, '0')}`;

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  let out = '';
  let from = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) continue;
    // After an odd run of backslashes the character is itself escaped ("\é"): an escape in its
    // place would read differently. Bundlers do not write that; refuse rather than guess.
    let slashes = 0;
    while (text.charCodeAt(index - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 1) {
      const line = text.slice(0, index).split('\n').length;
      console.error(`${file}:${line}: a non-ASCII character after a backslash; cannot escape it safely`);
      process.exit(1);
    }
    out += text.slice(from, index) + unicodeEscape(unit);
    from = index + 1;
  }
  out += text.slice(from);
  if (out !== text) writeFileSync(file, out);
}
