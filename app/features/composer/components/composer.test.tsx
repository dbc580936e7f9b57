import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useForm } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { defaultComposerValues, type ComposerValues } from '../form.ts';
import { Composer } from './composer.tsx';

function Harness({ onSend }: { onSend: (values: ComposerValues) => void }) {
  const form = useForm<ComposerValues>({ defaultValues: defaultComposerValues(), mode: 'onChange' });
  return <Composer form={form} sending={false} onSend={() => void form.handleSubmit(onSend)()} />;
}

describe('Composer', () => {
  it('fills method and path from the endpoint picker and the path parameter field', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);

    const method = screen.getByRole('combobox', { name: 'Method' });
    const path = screen.getByRole('textbox', { name: 'Path' });
    expect(method).toHaveValue('GET');
    expect(path).toHaveValue('/balance');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Endpoint' }), 'get-fund-ledger');
    expect(method).toHaveValue('GET');
    expect(path).toHaveValue('/funds/{fund_id}/ledger');

    // The id is required while the placeholder is in the path.
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).not.toHaveBeenCalled();
    expect(await screen.findByText('fund_id is required')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'fund_id' }), 'fund-7');
    expect(path).toHaveValue('/funds/fund-7/ledger');

    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend.mock.calls[0]![0]).toMatchObject({
      method: 'GET',
      path: '/funds/fund-7/ledger',
      params: { fund_id: 'fund-7' },
    });
  });

  it('refuses a slash in an id and fills the example body for POST /transaction', async () => {
    const user = userEvent.setup();
    render(<Harness onSend={vi.fn()} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Endpoint' }), 'get-transaction-status');
    await user.type(screen.getByRole('textbox', { name: 'tx_id' }), 'a/b');
    expect(await screen.findByText('tx_id must not contain "/"')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Endpoint' }), 'create-transaction');
    expect(screen.getByRole('combobox', { name: 'Method' })).toHaveValue('POST');
    expect(screen.getByRole('textbox', { name: 'Path' })).toHaveValue('/transaction');
    const body = screen.getByLabelText('Body');
    expect(body.textContent || (body as HTMLTextAreaElement).value).toContain('"gasLimit": "21000"');
    expect(screen.getByText('Valid JSON')).toBeInTheDocument();
  });

  it('keeps method and path free to edit', async () => {
    const user = userEvent.setup();
    render(<Harness onSend={vi.fn()} />);
    const path = screen.getByRole('textbox', { name: 'Path' });
    await user.clear(path);
    await user.type(path, '/anything?x=1');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Method' }), 'OTHER');
    await user.type(screen.getByRole('textbox', { name: 'Custom method' }), 'PROPFIND');
    expect(path).toHaveValue('/anything?x=1');
  });
});
