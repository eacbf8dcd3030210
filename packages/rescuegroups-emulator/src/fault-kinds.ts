import { COMMON_FAULT_KINDS, type CommonFaultKind } from "@cat-harvest/emulator-kit/cli-flags";

/** The ways a request can be made to fail on purpose. */
export const FAULT_KINDS = COMMON_FAULT_KINDS;
export type FaultKind = CommonFaultKind;
