import type { BenchRow } from '../lib/types.ts';
import { bundle } from './bundle.ts';
import { collectionScale } from './collection-scale.ts';
import { historyScale } from './history-scale.ts';
import { httpImport } from './http-import.ts';
import { largeResponse } from './large-response.ts';
import { previewLatency } from './preview-latency.ts';
import { relayLatency } from './relay-latency.ts';
import { relayPhases } from './relay-phases.ts';
import { relayThroughput } from './relay-throughput.ts';
import { signThroughput } from './sign-throughput.ts';
import { tabSwitch } from './tab-switch.ts';

/** Every row, in the order of the table. */
export const ROWS: readonly BenchRow[] = [
  relayLatency,
  relayPhases,
  relayThroughput,
  signThroughput,
  previewLatency,
  largeResponse,
  historyScale,
  collectionScale,
  httpImport,
  tabSwitch,
  bundle,
];
