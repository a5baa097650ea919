import semver from 'semver';
import { describe, expect, it } from 'vitest';
import {
  bundledAdvisories,
  DISCOURAGED_CRATES,
  FRAMEWORKS,
  REPLACEMENT_HINTS,
  RUNTIME_AGNOSTIC_CRATES,
  RUNTIME_FAMILIES,
  RUNTIME_FAMILY_IDS,
  RUNTIME_REPLACEMENTS,
  RUNTIME_SWITCHES,
} from '../src/index.js';

const isUrl = (text: string): boolean => /^https:\/\/[^\s]+$/.test(text);
const validRange = (range: string): boolean => semver.validRange(range, { includePrerelease: true }) !== null;

describe('knowledge base', () => {
  it('gives every entry a source URL', () => {
    const sources = [
      ...RUNTIME_FAMILIES.map((entry) => entry.source),
      ...RUNTIME_AGNOSTIC_CRATES.map((entry) => entry.source),
      ...FRAMEWORKS.map((entry) => entry.source),
      ...DISCOURAGED_CRATES.map((entry) => entry.source),
      ...RUNTIME_SWITCHES.map((entry) => entry.source),
      ...RUNTIME_REPLACEMENTS.flatMap((entry) => [
        entry.source,
        ...Object.values(entry.useInstead).flatMap((targets) => targets.map((target) => target.source)),
      ]),
    ];
    expect(sources.filter((source) => !isUrl(source))).toEqual([]);
  });

  it('uses ranges semver can parse', () => {
    const ranges = [
      ...RUNTIME_FAMILIES.flatMap((family) => family.incompatibleLines?.map((line) => line.versions) ?? []),
      ...FRAMEWORKS.flatMap((framework) => framework.lines.map((line) => line.versions)),
      ...DISCOURAGED_CRATES.map((entry) => entry.versions),
      ...RUNTIME_SWITCHES.map((entry) => entry.versions),
      ...RUNTIME_REPLACEMENTS.map((entry) => entry.versions),
    ];
    expect(ranges.filter((range) => !validRange(range))).toEqual([]);
  });

  it('puts no crate in two runtime families, nor a runtime-agnostic crate in any', () => {
    const owners = new Map<string, string[]>();
    for (const family of RUNTIME_FAMILIES) {
      for (const crate of [...family.executors, ...family.buildingBlocks]) owners.set(crate, [...(owners.get(crate) ?? []), family.id]);
    }
    for (const { crate } of RUNTIME_AGNOSTIC_CRATES) owners.set(crate, [...(owners.get(crate) ?? []), '(agnostic)']);
    expect([...owners].filter(([, families]) => families.length > 1)).toEqual([]);
  });

  it('knows every family the policy accepts, and only those', () => {
    expect(RUNTIME_FAMILIES.map((family) => family.id)).toEqual([...RUNTIME_FAMILY_IDS]);
  });

  it('covers every framework of the brief', () => {
    const crates = FRAMEWORKS.map((framework) => framework.crate);
    for (const crate of [
      'axum',
      'actix-web',
      'rocket',
      'salvo',
      'warp',
      'tide',
      'poem',
      'hyper',
      'pavex',
      'ntex',
      'gotham',
      'viz',
      'trillium',
      'loco-rs',
      'iron',
      'nickel',
      'rouille',
      'tiny_http',
      'reqwest',
      'surf',
      'isahc',
      'ureq',
    ]) {
      expect(crates).toContain(crate);
    }
    expect(new Set(crates).size).toBe(crates.length);
  });

  it('gives discouraged crates a reason, alternatives and well-formed advisories and dates', () => {
    for (const entry of DISCOURAGED_CRATES) {
      expect(entry.reason.length).toBeGreaterThan(5);
      expect(entry.useInstead.length).toBeGreaterThan(0);
      for (const advisory of entry.advisories) expect(advisory).toMatch(/^RUSTSEC-\d{4}-\d{4}$/);
      if (entry.since) expect(entry.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(DISCOURAGED_CRATES.map((entry) => entry.crate).sort()).toEqual(['actix-web', 'hyper', 'rocket', 'tokio', 'tokio-core']);
  });

  it('keeps by hand only what the advisory data does not say', () => {
    const advisories = bundledAdvisories();
    const informational = (crate: string) => advisories.advisoriesFor(crate).some((advisory) => advisory.kind !== 'vulnerability');
    // Every hand-written entry is a version line or a crate without an informational advisory.
    expect(DISCOURAGED_CRATES.filter((entry) => entry.versions === '*' && informational(entry.crate))).toEqual([]);
    // A replacement hint only where the advisory links no alternative, and always with its source.
    for (const hint of REPLACEMENT_HINTS) {
      expect(isUrl(hint.source)).toBe(true);
      expect(advisories.advisoriesFor(hint.crate).every((advisory) => advisory.alternatives.length === 0)).toBe(true);
    }
  });
});
