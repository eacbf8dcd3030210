import { COMMON_FAULT_KINDS } from "@cat-harvest/emulator-kit/cli-flags";

/** The ways a request can be made to fail on purpose: the kit's, plus an early token expiry. */
export const FAULT_KINDS = [...COMMON_FAULT_KINDS, "early-expiry"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
