// One cold process: the phases of an audit of one lockfile, each timed the first (and only) time it runs,
// as a user's fresh `runtime-guard audit` runs them. Plain JavaScript on the built dist/, so no loader or
// transform sits between the clock and the code. Prints one JSON line.
// Usage: node packages/core/bench/cold.mjs path/to/Cargo.lock
import { readFileSync } from 'node:fs';

const t = [performance.now()];
const core = await import('../dist/index.js');
t.push(performance.now());
const text = readFileSync(process.argv[2], 'utf8');
t.push(performance.now());
const lockfile = core.parseLockfile(text, { fileName: 'Cargo.lock' });
t.push(performance.now());
const report = core.analyze(core.buildGraph(lockfile));
t.push(performance.now());
const audit = { mode: 'audit', lockfiles: [{ path: 'Cargo.lock', diff: core.diffReports(undefined, report) }] };
const rendered = core.renderText(audit, { color: false });
t.push(performance.now());
// What the general path (smol-toml, then the zod shape check) costs on the same text, cold too: it runs
// only when a lockfile is not laid out as Cargo writes it, or to word a shape error.
const { parse } = await import('smol-toml');
const { rawLockfileSchema } = await import('../dist/lockfile/shape.js');
t.push(performance.now());
const document = parse(text);
t.push(performance.now());
rawLockfileSchema().safeParse(document);
t.push(performance.now());
const ms = (a, b) => Number((t[b] - t[a]).toFixed(1));
console.log(
  JSON.stringify({
    'import core (dist, unbundled)': ms(0, 1),
    'read file': ms(1, 2),
    'parse (Cargo layout, shape by construction)': ms(2, 3),
    'graph + analysis': ms(3, 4),
    'diff + render text': ms(4, 5),
    total: ms(0, 5),
    'fallback: smol-toml parse': ms(6, 7),
    'fallback: zod shape check': ms(7, 8),
    packages: lockfile.packages.length,
    renderedCharacters: rendered.length,
  }),
);
