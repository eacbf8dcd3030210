import { CommandUsageError } from "./errors.js";

/** Throws the usage error for `--option`, pointing to the help of `command` (or the overview). */
export function fail(option: string, message: string, command?: string): never {
  throw new CommandUsageError(option, `${message}. Run \`cat-harvest ${command ? `${command} ` : ""}--help\` for usage.`);
}

// Plain decimal digits only: `Number()` would also take 0x10, 1e3, 0b1 and Infinity.
const DIGITS = /^[0-9]+$/;
const DECIMAL = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;

/** A whole number from `min` to `max`, written in decimal digits, or undefined when the flag is absent. */
export function integer(command: string, option: string, raw: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!DIGITS.test(String(raw).trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(
      option,
      `--${option} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}, got ${JSON.stringify(raw)}`,
      command,
    );
  }
  return value;
}

/** A number from `min` to `max`, written as decimal digits with an optional fraction (`0.5`), or undefined when the flag is absent. */
export function decimal(command: string, option: string, raw: unknown, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!DECIMAL.test(String(raw).trim()) || !Number.isFinite(value) || value < min || value > max) {
    fail(option, `--${option} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`, command);
  }
  return value;
}

/** An http(s) URL without trailing slashes, or undefined when the flag is absent. */
export function httpUrl(command: string, option: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (!URL.canParse(String(raw)) || !/^https?:$/.test(new URL(String(raw)).protocol)) {
    fail(option, `--${option} must be an http(s) URL such as https://api.petfinder.com, got ${JSON.stringify(raw)}`, command);
  }
  return String(raw).replace(/\/+$/, "");
}
