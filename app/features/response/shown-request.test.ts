import { describe, expect, it } from 'vitest';
import { notCurrentLabel, notCurrentReason, shownTime, type RequestIdentity } from './shown-request.ts';

const status: RequestIdentity = {
  environment: 'mock',
  operationId: 'get-transaction-status',
  method: 'GET',
  path: '/transactions/tx1/status',
};

describe('notCurrentReason', () => {
  it('is null while environment and operation match, whatever the parameter values', () => {
    expect(notCurrentReason(status, status)).toBeNull();
    expect(notCurrentReason(status, { ...status, path: '/transactions/tx2/status' })).toBeNull();
  });

  it('names another environment', () => {
    expect(notCurrentReason(status, { ...status, environment: 'production' })).toBe('The composer is on Production.');
  });

  it('names another operation, and both', () => {
    const balance: RequestIdentity = {
      environment: 'mock',
      operationId: 'get-balance',
      method: 'GET',
      path: '/balance',
    };
    expect(notCurrentReason(status, balance)).toBe('The composer now holds GET /balance.');
    expect(notCurrentReason(status, { ...balance, environment: 'sandbox' })).toBe(
      'The composer is on Sandbox, with GET /balance.',
    );
  });

  it('compares method and path for custom requests', () => {
    const custom: RequestIdentity = { environment: 'mock', operationId: '', method: 'DELETE', path: '/x' };
    expect(notCurrentReason(custom, custom)).toBeNull();
    expect(notCurrentReason(custom, { ...custom, path: '/y' })).toBe('The composer now holds DELETE /y.');
    expect(notCurrentReason(custom, { ...custom, method: 'PUT' })).toBe('The composer now holds PUT /x.');
  });
});

describe('labels', () => {
  it('says which entry and environment is not current', () => {
    expect(notCurrentLabel({ id: 21, environment: 'mock' })).toBe('#21 · Mock — not the current request');
  });

  it('gives the date too for a response from another day', () => {
    const day = new Date(2026, 0, 5, 9, 4, 30).getTime();
    expect(shownTime(day, day + 60_000)).not.toMatch(/2026/);
    expect(shownTime(day, day + 3 * 86_400_000)).toMatch(/2026/);
  });
});
