import { describe, expect, it } from 'vitest';
import type { FeedEvent, TxFeedStatus } from '../../../core/contract.ts';
import { buildActions, buildTimelines, connectionFrom } from './timeline.ts';

const frame = (txID: string, status: string, timestamps: Record<string, number>): TxFeedStatus => ({
  txID,
  status,
  timestamps,
  events: [],
  value: '100',
});
const message = (at: number, f: TxFeedStatus): FeedEvent => ({
  type: 'message',
  at,
  raw: JSON.stringify(f),
  parsed: f,
});

describe('buildTimelines', () => {
  it('follows a transaction from created to approved, with the times its messages give', () => {
    const events: FeedEvent[] = [
      { type: 'open', at: 1, environment: 'mock', url: 'ws://x/qapi/v1/transactions/feed', keyId: 'k' },
      message(2, frame('A', 'created', { created: 100 })),
      message(3, frame('A', 'pending', { created: 100, pending: 102 })),
    ];
    const [a] = buildTimelines(events);
    expect(a).toMatchObject({ txID: 'A', status: 'pending', messages: 2, firstAt: 2, lastAt: 3 });
    expect(a!.stages).toEqual([
      { stage: 'created', reached: true, at: 100, heard: true },
      { stage: 'pending', reached: true, at: 102, heard: true },
      { stage: 'authorized', reached: false, at: null, heard: false },
      { stage: 'approved', reached: false, at: null, heard: false },
    ]);
  });

  it('fills in the stages reached before the page listened from a later message', () => {
    const [a] = buildTimelines([message(5, frame('A', 'authorized', { created: 100, authorized: 108 }))]);
    expect(a!.stages.map((s) => [s.stage, s.reached, s.at, s.heard])).toEqual([
      ['created', true, 100, false],
      ['pending', true, null, false],
      ['authorized', true, 108, true],
      ['approved', false, null, false],
    ]);
  });

  it('adds a status outside the four stages, and lists the latest transaction first', () => {
    const list = buildTimelines([
      message(1, frame('A', 'created', { created: 100 })),
      message(2, frame('B', 'created', { created: 101 })),
      message(3, frame('A', 'rejected', { created: 100, rejected: 103 })),
    ]);
    expect(list.map((t) => t.txID)).toEqual(['A', 'B']);
    expect(list[0]!.stages.map((s) => s.stage)).toEqual(['created', 'pending', 'authorized', 'approved', 'rejected']);
    expect(list[0]!.stages[4]).toEqual({ stage: 'rejected', reached: true, at: 103, heard: true });
  });

  it('ignores frames that are not a txFeedStatus', () => {
    expect(buildTimelines([{ type: 'message', at: 1, raw: 'hello', parsed: null }])).toEqual([]);
  });
});

describe('connectionFrom', () => {
  it('is connecting, then open, then closed', () => {
    const open: FeedEvent = { type: 'open', at: 1, environment: 'mock', url: 'ws://x', keyId: 'k' };
    expect(connectionFrom([])).toEqual({ state: 'connecting' });
    expect(connectionFrom([open])).toEqual({ state: 'open', url: 'ws://x', keyId: 'k', since: 1 });
    expect(connectionFrom([open, { type: 'closed', at: 2, code: 1006, message: 'gone' }])).toEqual({
      state: 'closed',
      message: 'gone',
      url: 'ws://x',
    });
  });

  it('keeps a refusal with its status and reason when the stream then closes', () => {
    expect(
      connectionFrom([
        { type: 'error', at: 1, code: 'upstream-refused', status: 401, reason: 'unknown key', message: 'refused' },
        { type: 'closed', at: 2, message: 'The feed was not opened.' },
      ]),
    ).toEqual({ state: 'refused', status: 401, reason: 'unknown key', message: 'refused' });
    expect(connectionFrom([{ type: 'error', at: 1, code: 'upstream-unreachable', message: 'no route' }])).toEqual({
      state: 'failed',
      message: 'no route',
    });
  });
});

describe('buildActions', () => {
  const action = (at: number, id: string, status: string): FeedEvent => {
    const a = { id, coreClientID: 'Zup', type: 'ApproveTransfer', status, timestamp: 10, expireTime: 20 };
    return { type: 'message', at, raw: JSON.stringify(a), parsed: null, action: a };
  };
  it('follows each action through its statuses, the latest heard first, and ignores other frames', () => {
    const events: FeedEvent[] = [
      action(1, 'a1', 'pending'),
      action(2, 'a2', 'pending'),
      { type: 'message', at: 3, raw: 'not json', parsed: null, action: null },
      action(4, 'a1', 'expired'),
    ];
    const actions = buildActions(events);
    expect(actions.map((a) => [a.id, a.status, a.statuses, a.messages])).toEqual([
      ['a1', 'expired', ['pending', 'expired'], 2],
      ['a2', 'pending', ['pending'], 1],
    ]);
    expect(actions[0]).toMatchObject({ type: 'ApproveTransfer', coreClientID: 'Zup', timestamp: 10, expireTime: 20 });
  });
});
