import { describe, expect, it } from 'vitest';
import { parseFeedFrame, parsePartnerFeedFrame } from './contract.ts';
import { feedUrlFor, partnerFeedUrlFor } from './feed.ts';

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

describe('partnerFeedUrlFor', () => {
  it('puts the feed under the Partner base with ws/wss, the URL the handshake signs', () => {
    expect(partnerFeedUrlFor('https://api.qredo.network/api/v1/p', 'coreclient', 'Zup3')).toBe(
      'wss://api.qredo.network/api/v1/p/coreclient/Zup3/feed',
    );
    expect(partnerFeedUrlFor('http://127.0.0.1:8002/api/v1/p/', 'liquidityhub')).toBe(
      'ws://127.0.0.1:8002/api/v1/p/liquidityhub/feed',
    );
    expect(partnerFeedUrlFor('ftp://example.com/api/v1/p', 'liquidityhub')).toBeNull();
  });
});

describe('parsePartnerFeedFrame', () => {
  it('reads a core client action and keeps unknown fields; anything else is null', () => {
    const frame = '{"id":"1i8","coreClientID":"Zup","type":"ApproveTransfer","status":"pending","timestamp":1,"x":2}';
    expect(parsePartnerFeedFrame(frame)).toEqual(JSON.parse(frame));
    expect(parsePartnerFeedFrame('{"txID":"2Y","status":"created"}')).toBeNull();
    expect(parsePartnerFeedFrame('not json')).toBeNull();
  });
});
