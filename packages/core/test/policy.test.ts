import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, loadPolicy, PolicyError, policyJsonSchema } from '../src/index.js';
import { FULL_POLICY as FULL } from './support/policy-seeds.js';

function errorOf(text: string): PolicyError {
  try {
    loadPolicy(text, 'runtime-guard.toml');
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw new Error(`expected a PolicyError, got ${String(error)}`);
  }
  throw new Error('expected loadPolicy to throw');
}

describe('loadPolicy', () => {
  it('reads a full policy into its internal form, remembering where entries came from', () => {
    expect(loadPolicy(FULL, '.github/runtime-guard.toml')).toEqual({
      fileName: '.github/runtime-guard.toml',
      runtime: 'tokio',
      allowedRuntimes: ['tokio'],
      severity: { 'framework-runtime-mismatch': 'error', 'discouraged-crate': 'notice' },
      discouraged: [
        {
          crate: 'openssl',
          versions: '*',
          reason: 'we standardise on rustls',
          useInstead: ['rustls'],
          since: '2026-01-01',
          origin: '.github/runtime-guard.toml:9',
        },
      ],
      allow: [
        {
          crate: 'async-std',
          versions: '1',
          reason: 'zbus pulls it in until its tokio feature lands',
          expires: '2027-01-31',
          via: ['zbus'],
          rules: ['multiple-runtimes', 'discouraged-crate', 'disallowed-runtime'],
          origin: '.github/runtime-guard.toml:16',
        },
      ],
    });
  });

  it('reads an empty file as the default policy', () => {
    expect(loadPolicy('', 'runtime-guard.toml')).toEqual({ ...defaultPolicy, fileName: 'runtime-guard.toml' });
  });

  it.each([
    [
      'runtime = "tokyo"\n',
      'runtime-guard.toml:1: key `runtime`: expected one of "tokio", "async-std", "smol", "embassy", "glommio", "monoio", "compio", "nio", "ntex", got "tokyo"',
    ],
    [
      'alowed-runtimes = ["tokio"]\n',
      'runtime-guard.toml:1: unknown key `alowed-runtimes`; expected one of: runtime, allowed-runtimes, scope, severity, discouraged, allow, advisories',
    ],
    [
      'runtime = "tokio"\n\n[severity]\nmultiple-runtime = "error"\n',
      'runtime-guard.toml:4: unknown key `severity.multiple-runtime`; expected one of: multiple-runtimes, runtime-version-split, framework-runtime-mismatch, discouraged-crate, disallowed-runtime, rustsec-advisory, expired-exception',
    ],
    [
      '[severity]\nmultiple-runtimes = "fatal"\n',
      'runtime-guard.toml:2: key `severity.multiple-runtimes`: expected one of "error", "warning", "notice", "off", got "fatal"',
    ],
    ['[[allow]]\ncrate = "async-std"\n', 'runtime-guard.toml:1: key `allow[0].reason`: expected string, got nothing (the key is missing)'],
    [
      '[[allow]]\ncrate = "a"\nreason = "x"\n\n[[allow]]\ncrate = "b"\nreason = "y"\nexpires = "next year"\n',
      'runtime-guard.toml:8: key `allow[1].expires`: must be a date written YYYY-MM-DD, got "next year"',
    ],
    [
      '[[allow]]\ncrate = "a"\nreason = "x"\nversions = "not a range"\n',
      'runtime-guard.toml:4: key `allow[0].versions`: must be a semver range such as "*", "<1" or ">=0.2, <0.3", got "not a range"',
    ],
    [
      '[[discouraged]]\ncrate = "a b"\nreason = "x"\n',
      'runtime-guard.toml:2: key `discouraged[0].crate`: must be a crate name (letters, digits, "-" and "_"), got "a b"',
    ],
    ['allowed-runtimes = "tokio"\n', 'runtime-guard.toml:1: key `allowed-runtimes`: expected array, got "tokio"'],
    [
      '[[allow]]\ncrate = "a"\nreason = "x"\nvia = []\n',
      'runtime-guard.toml:4: key `allow[0].via`: must name at least one crate, got an array',
    ],
    [
      '[[allow]]\ncrate = "a"\nreason = "x"\nexpire = 2027-01-01\n',
      'runtime-guard.toml:4: unknown key `allow[0].expire`; expected one of: crate, versions, reason, expires, via, rules',
    ],
  ])('refuses %j with a message naming the key and line', (text, message) => {
    expect(errorOf(text).message).toBe(message);
  });

  it('reports TOML syntax errors with line and column', () => {
    const error = errorOf('runtime = "tokio\n');
    expect(error.location).toMatchObject({ fileName: 'runtime-guard.toml', line: 1 });
    expect(error.message).toMatch(/^runtime-guard\.toml:1:\d+: not valid TOML: /);
  });
});

describe('policy JSON Schema', () => {
  it('is committed and up to date with the zod schema', () => {
    const committed = JSON.parse(readFileSync(new URL('../runtime-guard.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(policyJsonSchema());
    expect(Object.keys((committed as { properties: object }).properties)).toEqual([
      'runtime',
      'allowed-runtimes',
      'scope',
      'severity',
      'discouraged',
      'allow',
      'advisories',
    ]);
  });
});

describe('[advisories] policy', () => {
  it('reads scope, vulnerabilities, severity overrides and ignore entries with their line', () => {
    const policy = loadPolicy(
      'runtime = "tokio"\n\n[advisories]\nscope = "runtime"\nvulnerabilities = true\nseverity = { "RUSTSEC-2024-0436" = "off", unsound = "error" }\n\n[[advisories.ignore]]\nid = "RUSTSEC-2025-0052"\nreason = "moving off async-std in Q1"\nexpires = 2027-03-31\n',
      'rg.toml',
    );
    expect(policy.advisories).toEqual({
      scope: 'runtime',
      vulnerabilities: true,
      severity: { 'RUSTSEC-2024-0436': 'off', unsound: 'error' },
      ignore: [{ id: 'RUSTSEC-2025-0052', reason: 'moving off async-std in Q1', expires: '2027-03-31', origin: 'rg.toml:8' }],
    });
  });

  it('refuses a wrong scope, id or missing reason naming the key', () => {
    expect(() => loadPolicy('[advisories]\nscope = "some"\n', 'rg.toml')).toThrow(
      'rg.toml:2: key `advisories.scope`: expected one of "runtime", "all", "off", got "some"',
    );
    expect(() => loadPolicy('[[advisories.ignore]]\nid = "CVE-2020-1"\nreason = "x"\n', 'rg.toml')).toThrow(
      /^rg\.toml(:2)?: key `advisories\.ignore\[0\]\.id`: must be a RustSec advisory id/,
    );
    expect(() => loadPolicy('[[advisories.ignore]]\nid = "RUSTSEC-2025-0052"\nreson = "x"\n', 'rg.toml')).toThrow(
      'key `advisories.ignore[0].reason`: expected string, got nothing (the key is missing)',
    );
  });
});
