import type { AbortScope } from "./abort-scope.js";

/** Resolves after `ms`, or rejects with the scope's abort reason as soon as it aborts. */
export function sleep(ms: number, scope: AbortScope): Promise<void> {
  return new Promise((resolve, reject) => {
    if (scope.signal.aborted) return reject(scope.signal.reason);
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
    const unsubscribe = scope.onAbort(() => {
      clearTimeout(timer);
      reject(scope.signal.reason);
    });
  });
}
