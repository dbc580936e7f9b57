/**
 * Faults on purpose: the `rate-limited` and `unavailable` demo keys answer 429 and 503 so that a
 * client's handling of them can be practised. They run after authentication (a badly signed request
 * still gets its 401) and before routing, for every operation and for the feed's handshake.
 *
 * The count is per key and per server, deterministic (no clock): the n-th correctly signed request
 * of the `rate-limited` key is refused when n is a multiple of `every`. reset() starts it again.
 */
import { type ApiResult, errorResult } from './errors.ts';
import type { MockKey } from './keys.ts';

export class FaultCounter {
  private readonly requests = new Map<string, number>();

  /** Counts this request of `key`; the fault to answer instead, or null to answer normally. */
  check(key: MockKey): ApiResult | null {
    const fault = key.fault;
    if (!fault) return null;
    const n = (this.requests.get(key.id) ?? 0) + 1;
    this.requests.set(key.id, n);
    const retryAfter = { 'retry-after': String(fault.retryAfterSeconds) };
    if (fault.kind === 'unavailable') {
      return errorResult(
        503,
        `service unavailable: the "${key.id}" demo key answers 503 to every request; retry after ${fault.retryAfterSeconds} s`,
        retryAfter,
      );
    }
    if (n % fault.every !== 0) return null;
    return errorResult(
      429,
      `too many requests: the "${key.id}" demo key answers 429 to every ${ordinal(fault.every)} request (this is request ${n}); retry after ${fault.retryAfterSeconds} s`,
      retryAfter,
    );
  }

  reset(): void {
    this.requests.clear();
  }
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}
