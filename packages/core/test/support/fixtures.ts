import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildGraph, type Graph, parseLockfile } from '../../src/index.js';

const fixturesDirectory = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The text of a fixture in test/fixtures. */
export function readFixture(name: string): string {
  return readFileSync(fixturesDirectory + name, 'utf8');
}

/** Parses a fixture and builds its graph. */
export function fixtureGraph(name: string): Graph {
  return buildGraph(parseLockfile(readFixture(name), { fileName: name }));
}

export const FIXTURES = {
  denoLarge: 'deno__98f9507a.large.Cargo.lock',
  lldapActix: 'lldap__9cc54ab0.actix.Cargo.lock',
  mdbookWarpTokio02: 'mdbook__6c4c3448.warp-tokio02.Cargo.lock',
  pavex: 'pavex__daadc90a.Cargo.lock',
  sqlxAfterAxum: 'sqlx__054f6198.after-axum.Cargo.lock',
  sqlxBeforeAxum: 'sqlx__7adbb7fe.before-axum.Cargo.lock',
  sqlxMultiRuntime: 'sqlx__9d6bf662.v4-multi-runtime.Cargo.lock',
  sqlxTideV1: 'sqlx__da72e2ee.v1-tide.Cargo.lock',
  vaultwardenBeforeTokio1: 'vaultwarden__46df3ee7.before-tokio1.Cargo.lock',
  vaultwardenTokioSplit: 'vaultwarden__58606796.tokio02-and-tokio1.Cargo.lock',
  vaultwardenV1: 'vaultwarden__5cd40c63.v1.Cargo.lock',
  vaultwardenV3: 'vaultwarden__91170957.v3.Cargo.lock',
  vaultwardenV2: 'vaultwarden__def174a5.v2.Cargo.lock',
} as const;
