import { isWireFault, type FaultPlan, type WireFault } from "./faults.js";
import { replyResponse, type EmulatorRequest, type EmulatorResponse, type Reply } from "./responses.js";
import type { StatsCounter } from "./stats.js";

/** What a drawn fault does to one request: replaces the response (`early`), or spoils its body on the wire. */
export interface FaultOutcome {
  readonly early?: EmulatorResponse;
  readonly wireFault?: WireFault;
}

/**
 * Draws this request's fault and carries out the common kinds: a reset, or a status reply built
 * by `statusReply(status)` (500, 502, 503 or 429), counted in the stats under `route`; a wire
 * fault is returned for the caller to attach to its normal response.
 */
export function drawFault(
  faults: FaultPlan,
  stats: StatsCounter,
  request: EmulatorRequest,
  route: string,
  statusReply: (status: 429 | 500 | 502 | 503) => Reply,
): FaultOutcome {
  const fault = faults.draw(request.method, request.url);
  if (!fault) return {};
  stats.fault(fault);
  if (isWireFault(fault)) return { wireFault: fault };
  if (fault === "reset") {
    stats.count(route, "reset");
    return { early: { kind: "reset" } };
  }
  const status = Number(fault.slice("status-".length)) as 429 | 500 | 502 | 503;
  const reply = statusReply(status);
  stats.count(route, reply.status);
  return { early: replyResponse(reply) };
}
