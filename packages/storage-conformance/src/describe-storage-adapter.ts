import type { StorageAdapter, StorageCapabilities } from "@cat-harvest/storage";
import { describe } from "vitest";
import { describeShapeCases } from "./cases-shape.js";
import { describeRoundTripsCases } from "./cases-round-trips.js";
import { describeConcurrencyCases } from "./cases-concurrency.js";
import { describeHostileKeysCases } from "./cases-hostile-keys.js";
import { describeResumeQueriesCases } from "./cases-resume-queries.js";
import { describeReplacingCases } from "./cases-replacing.js";
import { describeDeletingCases } from "./cases-deleting.js";
import { describeFailedPutsCases } from "./cases-failed-puts.js";
import { describeCloseCases } from "./cases-close.js";
import { describeReadOnlyCases } from "./cases-read-only.js";
import { describeSupersedingCases } from "./cases-superseding.js";
import { createSuiteContext } from "./suite-context.js";
import { describeStampCases } from "./cases-stamps.js";

export interface DescribeStorageAdapterOptions<A extends StorageAdapter = StorageAdapter> {
  /**
   * What the adapter declares. It decides which capability-switched cases run
   * (`it.skipIf`), and one case checks that `adapter.capabilities` says the same.
   */
  readonly capabilities: StorageCapabilities;
  /**
   * Opens the same medium again after `closed` was closed (same folder, archive, bucket
   * prefix). Given, the suite checks that a new instance sees what the old one stored
   * (`stat`/`list` for resume).
   */
  readonly reopen?: (closed: A) => StorageAdapter | Promise<StorageAdapter>;
  /**
   * Opens the same medium read-only (`readOnly: true`) after `closed` was closed. Given, the
   * suite checks that it declares `write: false`, reads what was stored, and refuses `put`
   * and `delete` with `StorageCapabilityError` while the medium stays as it was.
   */
  readonly openReadOnly?: (closed: A) => StorageAdapter | Promise<StorageAdapter>;
  /**
   * Reads what is physically on the medium after `closed` was closed: every object or
   * file under the adapter's root, keyed by its relative path, temporary files included.
   * Given, the suite checks that aborted and failed puts left nothing behind and that
   * `close()` finalised exactly the objects put.
   */
  readonly inspect?: (closed: A) => Promise<Map<string, Uint8Array>>;
  /**
   * Whether the medium keeps concurrent puts on one key apart (one whole body wins). Set
   * `false` only for a test server known not to: s3rver 3.7 writes concurrent bodies for one
   * key into the same file, which real S3 never does.
   * @default true
   */
  readonly isolatesConcurrentPutsOnOneKey?: boolean;
  /**
   * Length of the "large" stream round trip, in bytes.
   * @default 1_048_577
   */
  readonly largeSize?: number;
  /**
   * How many puts the concurrency case runs at once.
   * @default 12
   */
  readonly concurrency?: number;
}

/**
 * Registers the shared storage suite: one `describe` block named after `name`. Call it from
 * an adapter's test file; `factory` returns a fresh, empty adapter for each case (a new
 * folder, archive, or bucket prefix). The suite closes every adapter it opened.
 *
 * @example
 * describeStorageAdapter("memory", () => createMemoryStorage(), {
 *   capabilities: { read: true, list: true, replace: true, write: true },
 * });
 */
export function describeStorageAdapter<A extends StorageAdapter>(name: string, factory: () => A | Promise<A>, options: DescribeStorageAdapterOptions<A>): void {
  if (typeof factory !== "function") throw new TypeError("describeStorageAdapter needs a factory function as its second argument");
  if (!options?.capabilities) throw new TypeError("describeStorageAdapter needs options.capabilities, e.g. { read: true, list: true, replace: true }");
  describe(`storage adapter conformance: ${name}`, () => {
    const context = createSuiteContext(factory, options);
    describeShapeCases(context);
    describeRoundTripsCases(context);
    describeConcurrencyCases(context);
    describeHostileKeysCases(context);
    describeResumeQueriesCases(context);
    describeReplacingCases(context);
    describeSupersedingCases(context);
    describeDeletingCases(context);
    describeFailedPutsCases(context);
    describeCloseCases(context);
    describeReadOnlyCases(context);
    describeStampCases(context);
  });
}
