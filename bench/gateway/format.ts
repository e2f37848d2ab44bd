/** Number formatting for the bench's markdown tables. */

/** Milliseconds with precision that fits their size; '–' for a missing value. */
export function formatMs(value: number, signed = false): string {
  if (!Number.isFinite(value)) return '–';
  const digits = Math.abs(value) < 1 ? 3 : Math.abs(value) < 100 ? 2 : 1;
  const text = value.toFixed(digits);
  return signed && value >= 0 ? `+${text}` : text;
}

/** A whole number, or '–'. */
export function formatInteger(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toString() : '–';
}

/** Microseconds to one decimal (a few µs a request), or '–'; `signed` puts a + on a positive difference. */
export function formatMicros(value: number, signed = false): string {
  if (!Number.isFinite(value)) return '–';
  const text = value.toFixed(1);
  return signed && value >= 0 ? `+${text}` : text;
}

/** A ratio such as `1.35×`, or 'n/a' when either side is missing or the divisor is not positive. */
export function formatRatio(numerator: number, denominator: number): string {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return 'n/a';
  return `${(numerator / denominator).toFixed(2)}×`;
}

/** Text safe inside a markdown table cell, cut to `length` characters. */
export function cellText(text: string, length = 90): string {
  const oneLine = text.replace(/\s+/g, ' ').replaceAll('|', '\\|').trim();
  return oneLine.length > length ? `${oneLine.slice(0, length - 1)}…` : oneLine;
}
