import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTextJob, type TextJob } from './use-text-job.ts';

const LENGTH: TextJob<number> = {
  syncLimit: 5,
  run: (text) => text.length,
  makeWorker: () => {
    throw new Error('jsdom has no Worker: the job must not ask for one');
  },
  failed: -1,
};

describe('useTextJob', () => {
  it('is idle when not enabled', () => {
    const { result } = renderHook(() => useTextJob('abc', false, LENGTH));
    expect(result.current).toEqual({ state: 'idle' });
  });

  it('does a short text in place, in the same render', () => {
    const { result } = renderHook(() => useTextJob('abc', true, LENGTH));
    expect(result.current).toEqual({ state: 'done', result: 3 });
  });

  it('does a long text on a later turn where there is no worker, and again when the text changes', async () => {
    const { result, rerender } = renderHook(({ text }) => useTextJob(text, true, LENGTH), {
      initialProps: { text: 'abcdefgh' },
    });
    expect(result.current).toEqual({ state: 'working' });
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(result.current).toEqual({ state: 'done', result: 8 });
    rerender({ text: 'abcdefghij' });
    // The answer for the old text is never shown for the new one.
    expect(result.current).toEqual({ state: 'working' });
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(result.current).toEqual({ state: 'done', result: 10 });
  });
});
