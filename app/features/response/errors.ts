/** Plain words for relay errors and page errors. Pure; no React. */
import type { RelayErrorCode } from '../../../core/contract.ts';

const RELAY_TITLES: Record<RelayErrorCode, string> = {
  'upstream-unreachable': 'The upstream could not be reached',
  'dns-failure': 'The upstream host name did not resolve',
  'connect-timeout': 'Connecting to the upstream timed out',
  timeout: 'The upstream did not answer in time',
  'connection-reset': 'The upstream closed the connection',
  'redirect-refused': 'The upstream answered with a redirect, which is never followed',
  aborted: 'The request was aborted',
  cancelled: 'You cancelled the request',
  'no-credentials': 'This environment has no credentials',
  'bad-secret': 'The stored secret could not be used',
};

export function relayErrorTitle(code: string): string {
  return (RELAY_TITLES as Record<string, string>)[code] ?? 'The relay could not complete the request';
}

/** A title for an error thrown by the page's api-client (perimeter refusal, validation, network). */
export function pageErrorTitle(status: number, code: string): string {
  if (status === 0 || code === 'network') return 'The playground server did not answer';
  if (code === 'confirmation-required') return 'Sending to production needs a confirmation';
  if (code === 'replay-refused') return 'Replay was refused';
  // The server refuses before relaying when it cannot sign (no key, unusable secret): say which.
  if (code in RELAY_TITLES) return relayErrorTitle(code);
  if (status === 403) return 'The playground refused the request';
  if (status === 400) return 'The request is not valid';
  if (status === 404) return 'Not found';
  if (status === 413) return 'The request is too large';
  return 'The playground could not handle the request';
}
