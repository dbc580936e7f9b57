/**
 * The EVM networks of the mock's organization: its `rpcNetworks` in GET /account, and the chain IDs
 * POST /transaction accepts. In Qredo the list is each organization's configuration (the OpenAPI
 * file's `rpcNetwork` example is `custom_network1`), and the sources do not say which networks
 * Qredo enabled; Qredo's docs say only that a Web3 API Wallet transacts "on any supported network"
 * (docs/qredo-api.md, "Web3 transaction"). So the mock configures the widely used EVM mainnets of the v1 era (2022–2023)
 * and the public testnets of that time, each with its EIP-155 chain ID.
 */
export interface EvmNetwork {
  /** Decimal chain ID, as a string: the form `chainID` takes in the API. */
  chainID: string;
  name: string;
  testnet: boolean;
}

export const EVM_NETWORKS: readonly EvmNetwork[] = [
  { chainID: '1', name: 'Ethereum Mainnet', testnet: false },
  { chainID: '5', name: 'Goerli Testnet', testnet: true },
  { chainID: '11155111', name: 'Sepolia Testnet', testnet: true },
  { chainID: '137', name: 'Polygon Mainnet', testnet: false },
  { chainID: '80001', name: 'Polygon Mumbai Testnet', testnet: true },
  { chainID: '56', name: 'BNB Smart Chain Mainnet', testnet: false },
  { chainID: '97', name: 'BNB Smart Chain Testnet', testnet: true },
  { chainID: '42161', name: 'Arbitrum One', testnet: false },
  { chainID: '421613', name: 'Arbitrum Goerli Testnet', testnet: true },
  { chainID: '10', name: 'Optimism Mainnet', testnet: false },
  { chainID: '420', name: 'Optimism Goerli Testnet', testnet: true },
  { chainID: '43114', name: 'Avalanche C-Chain', testnet: false },
  { chainID: '43113', name: 'Avalanche Fuji Testnet', testnet: true },
  { chainID: '8453', name: 'Base Mainnet', testnet: false },
  { chainID: '84531', name: 'Base Goerli Testnet', testnet: true },
];
