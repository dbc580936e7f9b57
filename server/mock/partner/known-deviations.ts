/**
 * Where the Partner API mock knowingly answers otherwise than Qredo's Partner OpenAPI file, because the
 * file contradicts itself there (docs/partner-api.md, "Where the OpenAPI file contradicts itself"): the one
 * list of exceptions its conformance test allows, each with its evidence. README.md shows the same rows as
 * a table (the test checks that both name the same ids, in order). Any other deviation from the file fails
 * the test.
 */
import type { KnownDeviation } from '../openapi/conformance.ts';

/** The camelCase names of a transfer's or withdrawal's status, where the schema has snake_case ones. */
const TX_INFO_CAMEL_CASE = [
  '/txID',
  '/txStatus',
  '/approvedCount',
  '/thresholdRequired',
  '/initiatedTimestamp',
  '/initiatorName',
  '/initiatorAuthorized',
  '/statusDetails',
  '/status/*/actionID',
  '/status/*/userID',
  '/status/*/firstName',
  '/status/*/lastName',
];

export const PARTNER_KNOWN_DEVIATIONS: readonly KnownDeviation[] = [
  {
    id: 'partner-error-code-number',
    operations: '*',
    statuses: 'errors',
    keyword: 'type',
    pointers: ['/code'],
    declared: '`Error.code` is a string',
    answered: 'the HTTP status as a number: `{"code":401,"msg":"errPartnerAuth","detail":{"reason":"signature"}}`',
    evidence:
      'docs/partner-api.md, "Errors and status codes" and "Discrepancies between sources": every documented error payload carries a number (`{"code":401,"msg":"errPartnerAuth",…}`), and so does the file’s own `OkResponse` example.',
  },
  {
    id: 'partner-assets-keyed-by-code',
    operations: ['GET /assets'],
    statuses: [200],
    keyword: 'additionalProperties',
    pointers: ['/assets/*'],
    instead: { ref: '#/components/schemas/Assets/properties/assets' },
    declared: '`Assets.assets` is one asset object',
    answered: 'a map keyed by asset code, each value an asset object (checked as `Assets.assets`)',
    evidence:
      'docs/partner-api.md, "Where the OpenAPI file contradicts itself": `Assets.assets` is a single object where a map (or list) of assets is meant.',
  },
  {
    id: 'partner-trustedparty-flat',
    operations: ['GET /company/{company_id}/trustedparty'],
    statuses: [200],
    keyword: 'additionalProperties',
    pointers: ['/list/*/trusted_entity_id', '/list/*/name', '/list/*/address', '/list/*/type', '/list/*/created'],
    instead: { ref: '#/components/schemas/TrustedParty/properties/list/properties/{property}' },
    declared: '`TrustedPartyList.list` items are `TrustedParty` objects, which nest the fields in a `list` object',
    answered: 'flat items `{trusted_entity_id, name, address, type, created}` (each field checked as the nested one)',
    evidence:
      'docs/partner-api.md, "Discrepancies between sources" and "Where the OpenAPI file contradicts itself": the schema nests a list wrapper; its own example is flat.',
  },
  {
    id: 'partner-txinfo-camelcase',
    operations: ['GET /company/{company_id}/transfer/{tx_id}', 'GET /company/{company_id}/withdraw/{tx_id}'],
    statuses: [200],
    keyword: 'additionalProperties',
    pointers: TX_INFO_CAMEL_CASE,
    declared: '`TxInfo` / `WithdrawalInfo` in snake_case (`tx_id`, `tx_status`, …)',
    answered:
      'camelCase: `txID`, `txStatus`, `approvedCount`, `thresholdRequired`, `statusDetails`, and `actionID`, `userID`, … in `status`',
    evidence:
      'docs/partner-api.md, "Discrepancies between sources" and "Where the OpenAPI file contradicts itself": the schema is snake_case, its example, the docs and the Signing Agent are camelCase (and the schema’s `tx_status` is a `oneOf` no value validates).',
  },
  {
    id: 'partner-entity-coreclient',
    operations: ['GET /company/{company_id}/fund/{fund_id}', 'GET /wallet/{wallet_id}'],
    statuses: [200],
    keyword: 'additionalProperties',
    pointers: [
      '/policy_tx/members/*/coreClient',
      '/policy_withdraw/members/*/coreClient',
      '/wallets/*/policy_tx/members/*/coreClient',
      '/wallets/*/policy_withdraw/members/*/coreClient',
    ],
    instead: { ref: '#/components/schemas/Entity/properties/core-client' },
    declared: '`Entity` names the core client’s details `core-client`',
    answered: '`coreClient` (checked as `Entity.core-client`)',
    evidence:
      'docs/partner-api.md, "Where the OpenAPI file contradicts itself": `Entity` declares `core-client`; the examples, the docs and the Signing Agent (`json:"coreClient"`) use `coreClient`.',
  },
  {
    id: 'partner-wallet-policy-errors',
    operations: ['PUT /company/{company_id}/fund/{fund_id}/wallet/{wallet_id}/policy'],
    statuses: [400, 401, 404],
    keyword: 'status',
    pointers: [''],
    instead: { ref: '#/components/schemas/Error' },
    declared: 'only 200',
    answered: '400, 404 and the 401 of every operation, in the `Error` shape (checked as one)',
    evidence:
      'docs/partner-api.md, "Where the OpenAPI file contradicts itself": the operation has no summary, no `x-sign` / `x-timestamp` / `x-nonce` parameters and only a 200, unlike every other operation; a bad body, an unknown id and a bad signature still need an answer.',
  },
];
