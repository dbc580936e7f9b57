/**
 * The assets of the Partner API mock, their fees and the look of their addresses. Amounts are integers in
 * base units everywhere (BTC in satoshi, 1e8 per coin; ETH in gwei, 1e9 per coin: docs/partner-api.md,
 * "Core workflow").
 */
import { derivedBytes, hex } from '../random.ts';

export interface PartnerAsset {
  code: string;
  name: string;
  unitCode: string;
  scale: number;
  enabled: boolean;
  chain: 'btc' | 'eth';
  testnet: boolean;
  /** FundWalletInfo.address_type. */
  addressType: string;
  /** Added to a withdrawal's fee: what the L1 transaction costs, in base units. */
  networkFee: number;
}

export const PARTNER_ASSETS: readonly PartnerAsset[] = [
  {
    code: 'BTC',
    name: 'Bitcoin',
    unitCode: 'BTC',
    scale: 1e8,
    enabled: true,
    chain: 'btc',
    testnet: false,
    addressType: 'BTC',
    networkFee: 2_000,
  },
  {
    code: 'BTC-TESTNET',
    name: 'Bitcoin Testnet',
    unitCode: 'BTC-TEST',
    scale: 1e8,
    enabled: true,
    chain: 'btc',
    testnet: true,
    addressType: 'BTC Testnet',
    networkFee: 1_000,
  },
  {
    code: 'ETH',
    name: 'Ethereum',
    unitCode: 'ETH',
    scale: 1e9,
    enabled: true,
    chain: 'eth',
    testnet: false,
    addressType: 'ETH',
    networkFee: 420_000,
  },
  {
    code: 'ETH-TESTNET',
    name: 'Ethereum Testnet',
    unitCode: 'ETH-TEST',
    scale: 1e9,
    enabled: true,
    chain: 'eth',
    testnet: true,
    addressType: 'ETH Testnet',
    networkFee: 420_000,
  },
  {
    code: 'ETH-GOERLI',
    name: 'Ethereum Goerli (retired)',
    unitCode: 'ETH-GOERLI',
    scale: 1e9,
    enabled: false,
    chain: 'eth',
    testnet: true,
    addressType: 'ETH Goerli Testnet',
    networkFee: 420_000,
  },
];

export function findAsset(code: string): PartnerAsset | undefined {
  return PARTNER_ASSETS.find((a) => a.code === code);
}

/**
 * What every new testnet wallet holds on creation, as a `deposit` in its ledger: a deposit needs an
 * external L1 wallet, impossible offline (docs/partner-api.md, "Core workflow"). Mainnet wallets start empty.
 */
export const DEMO_CREDIT = 1_000_000;

export type FeeType = 'transferOut' | 'withdraw' | 'swap';
export const FEE_TYPES: readonly FeeType[] = ['withdraw', 'transferOut', 'swap'];

/**
 * The fee on top of a net amount: 0.1 % rounded up for transfers (as the swagger's examples show:
 * 800 → 1, 2800 → 3, 200000 → 200), 0.2 % for swaps, and 0.1 % plus the network fee for withdrawals.
 */
export function feeFor(type: FeeType, asset: PartnerAsset, net: number): number {
  if (type === 'swap') return Math.ceil((net * 2) / 1000);
  const base = Math.ceil(net / 1000);
  return type === 'withdraw' ? base + asset.networkFee : base;
}

/** The largest net amount whose amount + fee fits in `available`, with that fee. */
export function maxSendable(type: FeeType, asset: PartnerAsset, available: number): { net: number; fee: number } {
  let net = Math.max(0, Math.floor(((available - (type === 'withdraw' ? asset.networkFee : 0)) * 1000) / 1001));
  while (net > 0 && net + feeFor(type, asset, net) > available) net -= 1;
  while (net + 1 + feeFor(type, asset, net + 1) <= available) net += 1;
  return net > 0 ? { net, fee: feeFor(type, asset, net) } : { net: 0, fee: 0 };
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** A deposit address of the right look for the asset (invented: not checksum-valid). */
export function depositAddressFor(asset: PartnerAsset, label: string): string {
  const bytes = derivedBytes(`address/${label}`, 38);
  if (asset.chain === 'eth') return `0x${hex(bytes.subarray(0, 20))}`;
  let s = asset.testnet ? 'tb1q' : 'bc1q';
  for (const b of bytes) s += BECH32[b % 32];
  return s;
}

/** Whether an address has the look of one on the asset's chain and network (format only). */
export function isAddressFor(asset: PartnerAsset, address: string): boolean {
  if (asset.chain === 'eth') return /^0x[0-9a-fA-F]{40}$/.test(address);
  return asset.testnet
    ? /^(tb1[02-9ac-hj-np-z]{8,87}|[mn2][1-9A-HJ-NP-Za-km-z]{25,34})$/.test(address)
    : /^(bc1[02-9ac-hj-np-z]{8,87}|[13][1-9A-HJ-NP-Za-km-z]{25,34})$/.test(address);
}

/** An L1 transaction id in the chain's usual notation. */
export function chainTxIdFor(asset: PartnerAsset, label: string): string {
  const h = hex(derivedBytes(`chain-tx/${label}`, 32));
  return asset.chain === 'eth' ? `0x${h}` : h;
}
