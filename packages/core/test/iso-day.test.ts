import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDayOf } from '../src/iso-day.js';

const byDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('isoDayOf', () => {
  it('is what toISOString gives, on the days that catch calendar mistakes', () => {
    for (const day of [
      '1970-01-01',
      '1969-12-31',
      '2000-02-29',
      '1900-02-28',
      '1900-03-01',
      '2024-02-29',
      '2100-03-01',
      '0000-01-01',
      '9999-12-31',
    ]) {
      const ms = Date.parse(`${day}T00:00:00Z`);
      for (const offset of [0, 1, 86_399_999]) expect(isoDayOf(ms + offset)).toBe(byDate(ms + offset));
    }
  });

  it('is what toISOString gives for any moment from year 0 to 9999, and for the years beyond', () => {
    const min = Date.parse('0000-01-01T00:00:00Z');
    const max = Date.parse('9999-12-31T23:59:59.999Z');
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => isoDayOf(ms) === byDate(ms)),
      { numRuns: 20_000 },
    );
    for (const ms of [min - 1, max + 1, -8.64e15, 8.64e15]) expect(isoDayOf(ms)).toBe(byDate(ms));
  });
});
