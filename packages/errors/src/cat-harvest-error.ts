const MARKS = Symbol.for("@cat-harvest/errors.marks");

/** A class `isInstance` can test for: it carries its own `marker`. */
export interface MarkedErrorClass<T> {
  readonly marker: symbol;
  readonly prototype: T;
}

/**
 * The base of every error cat-harvest's packages throw. Each subclass declares its own
 * `static override readonly marker: symbol = Symbol.for("<package>.<ClassName>")`, and every instance
 * carries the markers of its class and all its ancestors. `X.isInstance(e)` then answers "is `e`
 * an `X` or a subclass of it?" even when `e` came from another installed copy of the package
 * (where `instanceof` says no), so callers never compare `name` strings.
 */
export class CatHarvestError extends Error {
  static readonly marker: symbol = Symbol.for("@cat-harvest/errors.CatHarvestError");
  declare readonly [MARKS]: readonly symbol[];

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    Object.defineProperty(this, MARKS, { value: markersOf(new.target), enumerable: false });
  }

  /** Whether `error` is an instance of this class (or of a subclass), from any installed copy. */
  static isInstance<T>(this: MarkedErrorClass<T>, error: unknown): error is T {
    if (typeof error !== "object" || error === null) return false;
    const marks = (error as { [MARKS]?: unknown })[MARKS];
    return Array.isArray(marks) && marks.includes(this.marker);
  }
}

/** The markers of `target` and of every class it extends, up to `CatHarvestError`. */
function markersOf(target: Function): symbol[] {
  const marks: symbol[] = [];
  for (let c: unknown = target; typeof c === "function" && "marker" in c; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, "marker")) marks.push((c as MarkedErrorClass<unknown>).marker);
  }
  return marks;
}

/**
 * What is wrong with the error classes a module exports: a class that extends `CatHarvestError`
 * without its own marker (its `isInstance` would also match its parent's errors), or two
 * classes sharing one. For each package's tests: `expect(errorClassProblems(await import("./index.js"))).toEqual([])`.
 */
export function errorClassProblems(moduleExports: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const owners = new Map<symbol, string>();
  for (const [name, value] of Object.entries(moduleExports)) {
    if (typeof value !== "function" || !(value.prototype instanceof CatHarvestError)) continue;
    if (!Object.hasOwn(value, "marker")) {
      problems.push(`${name} has no marker of its own`);
      continue;
    }
    const marker = (value as unknown as MarkedErrorClass<unknown>).marker;
    const owner = owners.get(marker);
    if (owner) problems.push(`${name} shares its marker with ${owner}`);
    else owners.set(marker, name);
  }
  return problems;
}
