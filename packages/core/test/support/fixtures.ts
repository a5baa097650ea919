import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph, type Graph, parseLockfile } from '../../src/index.js';

const fixturesDirectory = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The text of a fixture in test/fixtures. */
export function readFixture(name: string): string {
  return readFileSync(fixturesDirectory + name, 'utf8');
}

/** Parses a fixture and builds its graph; the file name given to the parser is the fixture's base name. */
export function fixtureGraph(name: string): Graph {
  return buildGraph(parseLockfile(readFixture(name), { fileName: name.slice(name.lastIndexOf('/') + 1) }));
}

/** The folder of the shared corpus: real lockfiles listed with their format and package count in MANIFEST.tsv. */
export const CORPUS = 'corpus/';

/** Real lockfiles of the corpus that tests single out, by what they show. */
export const FIXTURES = {
  denoLarge: `${CORPUS}deno__98f9507a.large.Cargo.lock`,
  lldapActix: `${CORPUS}lldap__9cc54ab0.actix.Cargo.lock`,
  mdbookWarpTokio02: `${CORPUS}mdbook__6c4c3448.warp-tokio02.Cargo.lock`,
  pavex: `${CORPUS}pavex__daadc90a.Cargo.lock`,
  sqlxAfterAxum: `${CORPUS}sqlx__054f6198.after-axum.Cargo.lock`,
  sqlxBeforeAxum: `${CORPUS}sqlx__7adbb7fe.before-axum.Cargo.lock`,
  sqlxMultiRuntime: `${CORPUS}sqlx__9d6bf662.v4-multi-runtime.Cargo.lock`,
  sqlxTideV1: `${CORPUS}sqlx__da72e2ee.v1-tide.Cargo.lock`,
  vaultwardenBeforeTokio1: `${CORPUS}vaultwarden__46df3ee7.before-tokio1.Cargo.lock`,
  vaultwardenTokioSplit: `${CORPUS}vaultwarden__58606796.tokio02-and-tokio1.Cargo.lock`,
  vaultwardenV1: `${CORPUS}vaultwarden__5cd40c63.v1.Cargo.lock`,
  vaultwardenV3: `${CORPUS}vaultwarden__91170957.v3.Cargo.lock`,
  vaultwardenV2: `${CORPUS}vaultwarden__def174a5.v2.Cargo.lock`,
} as const;

/** Every real lockfile under a folder of test/fixtures (recursively), fuzz regressions left out. */
export function lockfilesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return lockfilesUnder(path);
    return name.endsWith('.lock') && !path.includes('fuzz-regressions') ? [path] : [];
  });
}
