/**
 * What one mock server holds: the seeded data (built once from the seed, never changed) and what
 * moves on from there, the transactions created through the API. `reset()` puts it back to the
 * seeded state, so a server, a test or the page can start again without a restart.
 */
import { type Dataset, DEFAULT_SEED, buildDataset } from './data.ts';
import { FaultCounter } from './faults.ts';
import { TransactionStore } from './transactions.ts';

export class MockState {
  readonly seed: number;
  readonly data: Dataset;
  /** Requests counted for the fault keys. */
  readonly faults = new FaultCounter();
  private current: TransactionStore;
  private readonly resetListeners: Array<() => void> = [];

  constructor(seed: number = DEFAULT_SEED) {
    this.seed = seed;
    this.data = buildDataset(seed);
    this.current = new TransactionStore(Object.values(this.data.accounts));
  }

  /** The transactions: the seeded ones plus whatever was POSTed since the last reset. */
  get store(): TransactionStore {
    return this.current;
  }

  /** Back to the seeded state: the seeded transactions only, and every counter from zero. */
  reset(): void {
    this.current = new TransactionStore(Object.values(this.data.accounts));
    this.faults.reset();
    for (const listener of this.resetListeners) listener();
  }

  /** Called after every reset (fault counters, feed subscriptions). */
  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }
}
