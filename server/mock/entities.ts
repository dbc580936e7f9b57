/** People, companies and custody policies of the mock's invented accounts (swagger `Entity`, `Policy`). */
import { SeededRandom, base58Id, ksuid } from './random.ts';

export interface Entity {
  accountCode: string;
  address: string;
  id: string;
  initials: string;
  name: string;
  owner: string;
  type: 'user' | 'company' | 'core-client';
  user: { firstName: string; lastName: string; email: string; userName: string; partner: boolean } | null;
  company: { name: string } | null;
  'core-client': { name: string } | null;
}

export interface Policy {
  dedicatedWalletCount: number;
  entityID: string;
  funds: string[];
  fundsCount: number;
  id: string;
  locked: boolean;
  lockedTxID: string;
  membersCount: number;
  members: Array<{ dedicated: boolean; entity: Entity[] }>;
  name: string;
  threshold: number;
  walletCount: number;
}

export interface Person {
  firstName: string;
  lastName: string;
  username: string;
  email: string;
}

export function userEntity(rng: SeededRandom, person: Person, owner: string): Entity {
  return {
    accountCode: base58Id(rng.bytes(32)),
    address: '',
    id: base58Id(rng.bytes(32)),
    initials: `${person.firstName[0] ?? ''}${person.lastName[0] ?? ''}`,
    name: `${person.firstName} ${person.lastName}`,
    owner,
    type: 'user',
    user: {
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      userName: person.username,
      partner: false,
    },
    company: null,
    'core-client': null,
  };
}

export function companyEntity(rng: SeededRandom, name: string, address: string): Entity {
  const initials = name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return {
    accountCode: base58Id(rng.bytes(32)),
    address,
    id: base58Id(rng.bytes(32)),
    initials,
    name,
    owner: '',
    type: 'company',
    user: null,
    company: { name },
    'core-client': null,
  };
}

export function policy(
  rng: SeededRandom,
  createdSeconds: number,
  name: string,
  entityID: string,
  fundID: string,
  members: Entity[],
  threshold: number,
  walletCount: number,
): Policy {
  return {
    // The OpenAPI file describes it as the number of wallets the policy applies to (minimum 1).
    dedicatedWalletCount: walletCount,
    entityID,
    funds: [fundID],
    fundsCount: 1,
    id: ksuid(createdSeconds, rng.bytes(16)),
    locked: false,
    lockedTxID: '',
    membersCount: members.length,
    members: members.map((m) => ({ dedicated: false, entity: [m] })),
    name,
    threshold,
    walletCount,
  };
}
