import { describe, expect, it } from 'vitest';
import { parseFeedFrame } from './contract.ts';
import { feedUrlFor } from './feed.ts';

describe('feedUrlFor', () => {
  it.each([
    ['http://127.0.0.1:8002/qapi/v1', 'ws://127.0.0.1:8002/qapi/v1/transactions/feed'],
    ['https://sandbox-api.qredo.network/qapi/v1', 'wss://sandbox-api.qredo.network/qapi/v1/transactions/feed'],
    ['HTTPS://api.qredo.network/qapi/v1/', 'wss://api.qredo.network/qapi/v1/transactions/feed'],
  ])('%s → %s', (base, url) => {
    expect(feedUrlFor(base)).toBe(url);
  });

  it('gives no feed for a base URL of another scheme', () => {
    expect(feedUrlFor('ftp://example.com/qapi/v1')).toBeNull();
    expect(feedUrlFor('')).toBeNull();
  });
});

describe('parseFeedFrame', () => {
  it('reads a txFeedStatus and keeps the fields it does not know', () => {
    expect(parseFeedFrame('{"txID":"2Y","status":"created","timestamps":{"created":1},"nonce":43}')).toEqual({
      txID: '2Y',
      status: 'created',
      timestamps: { created: 1 },
      nonce: 43,
    });
  });

  it.each([
    'not json',
    '[]',
    '"text"',
    '{"status":"created"}',
    '{"txID":1,"status":"created"}',
    '{"txID":"2Y","status":"x","timestamps":{"created":"soon"}}',
  ])('is null for %s', (raw) => {
    expect(parseFeedFrame(raw)).toBeNull();
  });
});
