/** The testnet assets the mock's wallets hold, with their base-unit scale (docs/qredo-api.md, "Operations"). */
import { SeededRandom, hex } from './random.ts';

export type AssetCode = 'BTC-TESTNET' | 'ETH-TESTNET' | 'ETH-GOERLI' | 'QCOIN-1';

export interface AssetSpec {
  code: AssetCode;
  /** Base units per whole coin: satoshi for BTC, gwei for ETH (as the Partner docs show). */
  scale: number;
  /** WalletInfo.address_type: the L1 chain. */
  addressType: string;
  /** Typical size of a deposit, in whole coins. */
  typical: number;
  /** Typical withdrawal fee, in whole coins. */
  fee: number;
}

export const ASSETS: Record<AssetCode, AssetSpec> = {
  'BTC-TESTNET': { code: 'BTC-TESTNET', scale: 100_000_000, addressType: 'BTC Testnet', typical: 0.8, fee: 0.00004 },
  'ETH-TESTNET': {
    code: 'ETH-TESTNET',
    scale: 1_000_000_000,
    addressType: 'ETH Ropsten Testnet',
    typical: 6,
    fee: 0.0012,
  },
  'ETH-GOERLI': {
    code: 'ETH-GOERLI',
    scale: 1_000_000_000,
    addressType: 'ETH Goerli Testnet',
    typical: 4,
    fee: 0.0009,
  },
  'QCOIN-1': { code: 'QCOIN-1', scale: 100_000_000, addressType: 'Qredochain', typical: 2500, fee: 0 },
};

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A deposit address of the right look for the asset (not checksum-valid: it is invented). */
export function depositAddress(rng: SeededRandom, asset: AssetCode): string {
  if (asset === 'BTC-TESTNET') {
    let s = 'tb1q';
    for (let i = 0; i < 38; i++) s += rng.pick([...BECH32]);
    return s;
  }
  if (asset === 'QCOIN-1') {
    let s = '';
    for (let i = 0; i < 44; i++) s += rng.pick([...BASE58]);
    return s;
  }
  return `0x${hex(rng.bytes(20))}`;
}

/** An L1 transaction ID in the asset's usual notation. */
export function layerOneTxId(rng: SeededRandom, asset: AssetCode): string {
  const h = hex(rng.bytes(32));
  return asset === 'ETH-TESTNET' || asset === 'ETH-GOERLI' ? `0x${h}` : h;
}
