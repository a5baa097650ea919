import { auditLockfiles } from '@runtime-guard/core';
import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_SEVERITY, planAnnotations } from '../src/annotations.js';
import { fixture } from './support/action-run.js';

const BASE = fixture('lockfiles', 'example-base.Cargo.lock');
const HEAD = fixture('lockfiles', 'example-head.Cargo.lock');

describe('planAnnotations', () => {
  it('annotates the introduced findings on their Cargo.lock line, errors first', () => {
    const audit = auditLockfiles([{ path: 'app/Cargo.lock', head: HEAD, base: BASE }]);
    const { annotations, leftOut } = planAnnotations(audit);
    expect(leftOut).toBe(0);
    expect(annotations.map(({ severity, file, line, title }) => ({ severity, file, line, title }))).toEqual([
      { severity: 'error', file: 'app/Cargo.lock', line: 112, title: 'runtime-guard multiple-runtimes: async-std 1.13.1' },
      { severity: 'warning', file: 'app/Cargo.lock', line: 112, title: 'runtime-guard rustsec-advisory: async-std 1.13.1' },
      { severity: 'warning', file: 'app/Cargo.lock', line: 320, title: 'runtime-guard rustsec-advisory: event-listener 5.4.0' },
    ]);
    expect(annotations[0]?.message).toContain(
      'https://github.com/runtime-guard/runtime-guard/blob/main/packages/core/README.md#rule-multiple-runtimes',
    );
  });

  it('nothing introduced, nothing annotated (unchanged findings stay quiet)', () => {
    expect(planAnnotations(auditLockfiles([{ path: 'Cargo.lock', head: HEAD, base: HEAD }])).annotations).toEqual([]);
  });

  it(`keeps at most ${ANNOTATIONS_PER_SEVERITY} of each severity and counts the rest`, () => {
    const inputs = Array.from({ length: 12 }, (_, index) => ({ path: `member-${index}/Cargo.lock`, head: HEAD, base: BASE }));
    const { annotations, leftOut } = planAnnotations(auditLockfiles(inputs));
    expect(annotations.filter((annotation) => annotation.severity === 'error')).toHaveLength(10);
    expect(annotations.filter((annotation) => annotation.severity === 'warning')).toHaveLength(10);
    // 12 errors and 24 warnings (async-std's and event-listener's advisories): 2 + 14 left out.
    expect(leftOut).toBe(16);
  });
});
