/** A whole number with thousands separators, the same on every machine: `52,428,800`. */
export function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
