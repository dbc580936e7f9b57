/**
 * Where the mock knowingly answers otherwise than Qredo's OpenAPI file, because the file is wrong
 * there: the one list of exceptions the conformance test allows, each with its evidence. The mock's
 * README shows the same rows as a table (the test checks that both name the same ids, in order).
 * Any other deviation from the file fails the test.
 */
import type { DemoKey } from '../../../core/contract.ts';
import type { KnownDeviation } from './conformance.ts';

export const KNOWN_DEVIATIONS: readonly KnownDeviation<DemoKey>[] = [
  {
    id: 'error-code-number',
    operations: '*',
    statuses: 'errors',
    keyword: 'type',
    pointers: ['/code'],
    declared: '`Error.code` is a string',
    answered: 'the HTTP status as a number: `{"code":401,"msg":"Unauthorized","detail":{"reason":"…"}}`',
    evidence:
      'docs/qredo-api.md, "Errors": the documented error payloads, `{"code":401,"msg":"Unauthorized","detail":{"reason":"empty token"}}` and the Partner API’s `{"code":401,"msg":"errPartnerAuth",…}`, carry a number; the same file’s `OkResponse.code` is an integer.',
  },
  {
    id: 'balance-keyed-by-asset',
    operations: ['GET /balance'],
    statuses: [200],
    keyword: 'additionalProperties',
    pointers: ['/assets/*'],
    instead: { ref: '#/components/schemas/asset' },
    declared: '`assets` is one `asset` entry (its example, an array of single-key objects)',
    answered: 'an object keyed by asset code, each value an `asset` entry (checked as one)',
    evidence:
      'docs/qredo-api.md, "Operations": the output printed in Qredo’s apitool README is `{"assets":{"BTC-TESTNET":{"total":0,…,"scale":100000000},"QCOIN-1":{…}}}`.',
  },
  {
    id: 'empty-organization-nulls',
    operations: ['GET /balance', 'GET /funds'],
    statuses: [200],
    keys: ['empty-org'],
    keyword: 'type',
    pointers: ['/assets', '/funds'],
    declared: '`assets` is an object; `funds` is an array',
    answered: '`null` for an organization with no funds or wallets: `{"assets":null}`, `{"total":0,"funds":null}`',
    evidence:
      'The Qredo developer guide on API keys: “A key for an Organization with no Funds or Wallets returns `null` data” (docs/qredo-api.md, "Operations").',
  },
  {
    id: 'wallet-history-fractional',
    operations: ['GET /wallet/{wallet_id}/history'],
    statuses: [200],
    keyword: 'type',
    pointers: ['/history/*/amount', '/history/*/fees', '/history/*/netAmount'],
    declared: '`WalletHistoryItem` `amount`, `fees` and `netAmount` are `type: integer`',
    answered: 'fractional amounts in whole coins, e.g. `0.17683935`',
    evidence:
      'The same three fields say `format: double` and their examples are fractional (`0.001123`, `0.000003`, `0.001126`); `TxHistoryItem` declares them `type: number, format: double` (docs/qredo-api.md, "Where the OpenAPI file is wrong").',
  },
  {
    id: 'funds-carry-wallets',
    operations: ['GET /funds'],
    statuses: [200],
    keyword: 'additionalProperties',
    pointers: ['/funds/*/wallets'],
    instead: { ref: '#/components/schemas/WalletInfo', each: true },
    declared: '`Fund` has `fundID`, `name`, `theme` and `holdings` only',
    answered: 'each fund also carries `wallets`, a list of `WalletInfo` (checked as such)',
    evidence:
      'The operation’s own description in the file: “The response includes the Wallets associated with the Fund; this includes each Wallet’s asset type, deposit address (where applicable), balance, policies, and approvers” (docs/qredo-api.md, "Operations").',
  },
  {
    id: 'feed-timestamps-all-stages',
    operations: ['GET /transactions/feed'],
    statuses: [200],
    keyword: 'additionalProperties',
    pointers: ['/timestamps/pending', '/timestamps/approved'],
    instead: { ref: '#/components/schemas/txInfoResponse/properties/timestamps/properties/{property}' },
    declared: '`txFeedStatus.timestamps` lists `created` and `authorized` only',
    answered:
      'a timestamp for every stage reached, `pending` and `approved` too (checked as `txInfoResponse.timestamps` declares them)',
    evidence:
      'The same file’s `txInfoResponse.timestamps`, for the same transaction, declares `created`, `pending`, `authorized`, `approved`, `rejected` and `failed`; the feed’s own `timestamps` object declares `created` and `authorized` and is not closed (docs/qredo-api.md, "Transaction feed").',
  },
  {
    id: 'fault-statuses',
    operations: '*',
    statuses: [429, 503],
    keys: ['rate-limited', 'unavailable'],
    keyword: 'status',
    pointers: [''],
    instead: { ref: '#/components/schemas/Error' },
    declared: 'no 429 or 5xx answer for any operation',
    answered:
      '429 (`rate-limited` key) and 503 (`unavailable` key) with `Retry-After`, in the `Error` shape (checked as one)',
    evidence:
      'docs/qredo-api.md, "Errors": 429 and 5xx are not in the v1 file, yet the Partner API docs describe 429 “Too Many Requests” and 50x answers generically, and clients should surface 429s; these keys exist to practise exactly that.',
  },
];
