/**
 * Checks of the options every emulator takes; each throws a TypeError that names the function,
 * the option and its range.
 */

/** An integer in [min, max]. */
export function checkInteger(fn: string, name: string, value: unknown, min: number, max: number, hint: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${fn}: option ${name} must be an integer from ${min} to ${max}; got ${String(value)}. ${hint}`);
  }
  return value;
}

/** A data volume in (0, max]. */
export function checkScale(fn: string, value: unknown, max: number, hint: string): number {
  if (typeof value !== "number" || !(value > 0 && value <= max)) {
    throw new TypeError(`${fn}: option scale must be a number in (0, ${max}]; got ${String(value)}. ${hint}`);
  }
  return value;
}

/** A probability in [0, 1]. */
export function checkFaultRate(fn: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new TypeError(`${fn}: option faultRate must be a probability from 0 to 1; got ${String(value)}.`);
  }
  return value;
}

/** Some of `known`. */
export function checkFaultKinds<K extends string>(fn: string, value: unknown, known: readonly K[]): readonly K[] {
  if (!Array.isArray(value) || value.some((k) => !known.includes(k as K))) {
    throw new TypeError(`${fn}: option faultKinds must list some of ${known.join(", ")}; got ${JSON.stringify(value)}.`);
  }
  return value as K[];
}

/** A non-empty string. */
export function checkText(fn: string, name: string, value: unknown, example: string): string {
  if (typeof value !== "string" || value === "") throw new TypeError(`${fn}: option ${name} must be a non-empty string${example}.`);
  return value;
}
