// Every run of the CLI would compile the whole bundle again: tens of milliseconds of a fresh process
// (`pnpm bench:cli`). This runs the CommonJS bundle as Node's own loader would, through vm.Script, with
// V8's code cache kept in a folder of the temporary directory: read when present, written at exit when
// absent or refused, so that it also holds the functions compiled while the command ran, not only the
// top level. Node 22's module.enableCompileCache keeps about half as much of this bundle (220 KB of
// code cache against 449 KB on Node 24, and runs 15% slower with it), and Node 20 has none.
//
// The cache is only a speed-up: any failure to read, check or write it falls back to compiling.
// It is trusted only in a folder of this user's that no one else can write to (code in the cache runs
// as code). NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it turns off Node's own compile cache.
'use strict';
const {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} = require('node:fs');
const { isAscii } = require('node:buffer');
const { createRequire, wrap } = require('node:module');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

/** Runs the CommonJS file at `file` (an absolute path) as `require` would, with a V8 code cache. */
function runWithCodeCache(file) {
  const source = readSource(file);
  const cacheFile = process.env.NODE_DISABLE_COMPILE_CACHE === '1' ? undefined : cachePath(file);
  const cachedData = cacheFile ? readTrusted(cacheFile) : undefined;
  const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCache(cacheFile, script));
  const moduleObject = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(moduleObject.exports, createRequire(file), moduleObject, file, dirname(file));
}

/**
 * The bundle's text. The build leaves it ASCII (scripts/ascii-only.mjs), which reads fastest as Latin-1:
 * one copy into a one-byte string, where decoding UTF-8 costs a second pass and more fresh memory
 * (about 200 page faults for this bundle). A bundle that is not ASCII after all is decoded as UTF-8.
 */
function readSource(file) {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** One file per bundle build and Node: the bundle's size and time of change stand for its content; V8 also checks the source's length and its own flags. */
function cachePath(file) {
  try {
    const { size, mtimeMs } = statSync(file);
    const user = typeof process.getuid === 'function' ? process.getuid() : 'user';
    return join(tmpdir(), `runtime-guard-compile-cache-${user}`, `${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.bin`);
  } catch {
    return undefined;
  }
}

/** The cache file's bytes, if it and its folder belong to this user and no one else can write them. */
function readTrusted(cacheFile) {
  try {
    if (!isPrivate(statSync(dirname(cacheFile)))) return undefined;
    const fd = openSync(cacheFile, 'r');
    try {
      return isPrivate(fstatSync(fd)) ? readFileSync(fd) : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function isPrivate(stats) {
  const ownUser = typeof process.getuid !== 'function' || stats.uid === process.getuid();
  return ownUser && (stats.mode & 0o022) === 0;
}

function writeCache(cacheFile, script) {
  try {
    const folder = dirname(cacheFile);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!isPrivate(statSync(folder))) return;
    // Written aside, then renamed: a run that reads meanwhile sees the old file or the new one, whole.
    const partial = `${cacheFile}.${process.pid}.partial`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, cacheFile);
    removeStale(folder, cacheFile);
  } catch {
    // No cache this time: the next run compiles again.
  }
}

/** Caches of other builds or Node versions unused for a month: each install or upgrade leaves one. */
const STALE_MS = 30 * 24 * 60 * 60 * 1000;

function removeStale(folder, kept) {
  const now = Date.now();
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    try {
      if (path !== kept && now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    } catch {
      // Another run removed it, or it cannot be removed: either way, nothing to do.
    }
  }
}

module.exports = { runWithCodeCache };
