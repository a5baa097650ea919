import { groupDigits } from '../numbers.js';

/** Why-paths longer than this are shown as their first and last steps around a count of the rest. */
export const LONGEST_PATH_SHOWN = 12;
const STEPS_KEPT_AT_EACH_END = 5;

/**
 * Joins the steps of a why-path, eliding the middle of very long ones (`a → b → … 9,990 more … → y → z`)
 * so one deep chain cannot push every finding out of a size-limited comment. `length` is the path's
 * full length when the stored path is already cut (`Finding.pathLengths`).
 */
export function joinPath<T>(path: readonly T[], show: (step: T) => string, separator = ' → ', length = path.length): string {
  const fullLength = Math.max(length, path.length);
  if (fullLength <= LONGEST_PATH_SHOWN) return path.map(show).join(separator);
  const hidden = fullLength - 2 * STEPS_KEPT_AT_EACH_END;
  return [
    ...path.slice(0, STEPS_KEPT_AT_EACH_END).map(show),
    `… ${groupDigits(hidden)} more …`,
    ...path.slice(-STEPS_KEPT_AT_EACH_END).map(show),
  ].join(separator);
}
