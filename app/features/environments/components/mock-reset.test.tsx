import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MockReset } from './mock-reset.tsx';

const resetMock = vi.fn(async () => ({ reset: true as const, seed: 0 }));
vi.mock('../../../lib/api-client.ts', () => ({ api: { resetMock: () => resetMock() } }));

describe('MockReset', () => {
  it('asks first, resets only on confirmation, then says so and tells the page', async () => {
    const user = userEvent.setup();
    const onReset = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MockReset onReset={onReset} />
      </QueryClientProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Reset mock data' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset the mock data?' });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(dialog).not.toBeInTheDocument();
    expect(resetMock).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Reset mock data' }));
    const confirm = screen.getAllByRole('button', { name: 'Reset mock data' }).at(-1)!;
    await user.click(confirm);
    expect(await screen.findByText('Reset to seed 0.')).toBeInTheDocument();
    expect(resetMock).toHaveBeenCalledTimes(1);
    expect(onReset).toHaveBeenCalledWith({ reset: true, seed: 0 });
  });
});
