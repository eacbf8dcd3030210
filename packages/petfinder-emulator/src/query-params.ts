import type { InvalidParam } from "./problems.js";
import { PLACES } from "./places.js";

/** Collects query values and invalid-params while a request is parsed. */
export class ParamReader {
  readonly errors: InvalidParam[] = [];
  /** The recognised parameters the client sent (for pagination links). */
  readonly used = new Map<string, string>();

  constructor(private readonly search: URLSearchParams) {}

  /** The raw value of a recognised parameter, or undefined when absent or empty. */
  get(name: string): string | undefined {
    const value = this.search.get(name);
    if (value === null || value.trim() === "") return undefined;
    this.used.set(name, value);
    return value.trim();
  }

  fail(name: string, message: string): void {
    this.errors.push({ in: "query", path: name, message });
  }

  /** A comma-separated list, each value checked against `allowed` (lower-case) when given. */
  list(name: string, allowed?: readonly string[], noun = name): string[] | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const values = raw
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    if (allowed) {
      for (const v of values) {
        if (!allowed.includes(v.toLowerCase())) this.fail(name, `${v} is not a valid ${noun}.`);
      }
    }
    return values.map((v) => v.toLowerCase());
  }

  /** An integer in [min, max], or the default. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.fail(name, `${raw} is not a valid ${name}; use an integer from ${min} to ${max}.`);
      return fallback;
    }
    return n;
  }

  /** true/false/1/0, or undefined. */
  boolean(name: string, onlyTrue = false): boolean | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const v = raw.toLowerCase();
    if (v === "true" || v === "1") return true;
    if (!onlyTrue && (v === "false" || v === "0")) return false;
    this.fail(
      name,
      onlyTrue ? `${raw} is not a valid value for ${name}; only true or 1 is accepted.` : `${raw} is not a valid value for ${name}; use true, false, 1 or 0.`,
    );
    return undefined;
  }

  /** An ISO-8601 date-time, as Unix seconds. */
  date(name: string): number | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    // A raw "+" in a query string arrives as a space.
    const text = raw.replace(/ (\d\d:?\d\d)$/, "+$1");
    const ms = /^\d{4}-\d\d-\d\d/.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(ms)) {
      this.fail(name, `${raw} is not a valid ISO-8601 date-time, e.g. 2019-10-07T19:13:01+00:00.`);
      return undefined;
    }
    return Math.floor(ms / 1000);
  }

  /** `location` (city, state / lat,long / postal code) and `distance` (miles, default 100, max 500). */
  location(): { latitude: number; longitude: number; distance: number } | undefined {
    const raw = this.get("location");
    const distance = this.integer("distance", 100, 0, 500);
    if (raw === undefined) {
      if (this.used.has("distance")) this.fail("distance", "distance needs a location.");
      return undefined;
    }
    const point = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(raw);
    if (point) {
      const latitude = Number(point[1]);
      const longitude = Number(point[2]);
      if (Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) return { latitude, longitude, distance };
    } else {
      const v = raw.toLowerCase().replace(/\s+/g, " ");
      const place = PLACES.find(
        (p) => `${p.city}, ${p.state}`.toLowerCase() === v || `${p.city},${p.state}`.toLowerCase() === v || p.postcode.toLowerCase() === v,
      );
      if (place) return { latitude: place.latitude, longitude: place.longitude, distance };
    }
    this.fail("location", `${raw} is not a valid location; use "city, state", "latitude,longitude" or a postal code.`);
    return undefined;
  }
}
