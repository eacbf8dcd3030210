export { sendJson } from "./send-json.js";
export type { ForcedRetry, JsonAnswer, JsonCall, NoAnswerErrors, RefusedAnswer } from "./json-call.js";
