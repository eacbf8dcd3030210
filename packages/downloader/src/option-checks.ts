// Each checks one numeric option and throws a TypeError naming it; `undefined` takes the default.

export function positiveInteger(name: string, value: unknown, fallback: number, allowInfinity = false): number {
  if (value === undefined) return fallback;
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new TypeError(`Downloader option ${name} must be a positive integer${allowInfinity ? " or Infinity" : ""}, got ${String(value)}`);
  }
  return value;
}

export function nonNegative(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
    throw new TypeError(`Downloader option ${name} must be a finite number of milliseconds >= 0, got ${String(value)}`);
  }
  return value;
}

export function nonNegativeInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`Downloader option ${name} must be a whole number of bytes >= 0, got ${String(value)}`);
  }
  return value;
}
