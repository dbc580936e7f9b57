import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useForm } from '../../../lib/form-store.ts';
import { describe, expect, it, vi } from 'vitest';
import { defaultComposerValues, type ComposerValues } from '../form.ts';
import { Composer } from './composer.tsx';

function Harness({ onSend }: { onSend: (values: ComposerValues) => void }) {
  const form = useForm<ComposerValues>(defaultComposerValues());
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

  it('keeps the query rows and the path in sync both ways, encoding only what a new row must', async () => {
    const user = userEvent.setup();
    render(<Harness onSend={vi.fn()} />);
    const path = screen.getByRole('textbox', { name: 'Path' });
    await user.clear(path);
    await user.type(path, '/funds?b=%7E&a');
    await user.click(screen.getByRole('tab', { name: 'Query (2)' }));
    expect(screen.getByRole('textbox', { name: 'Query parameter 1 name' })).toHaveValue('b');
    expect(screen.getByRole('textbox', { name: 'Query parameter 1 value' })).toHaveValue('%7E');
    expect(screen.getByRole('textbox', { name: 'Query parameter 2 name' })).toHaveValue('a');

    await user.click(screen.getByRole('button', { name: 'Add query parameter' }));
    // An empty new row changes nothing that is signed.
    expect(path).toHaveValue('/funds?b=%7E&a');
    await user.type(screen.getByRole('textbox', { name: 'Query parameter 3 name' }), 'note');
    await user.type(screen.getByRole('textbox', { name: 'Query parameter 3 value' }), 'a b');
    expect(path).toHaveValue('/funds?b=%7E&a&note=a%20b');
    expect(screen.getByRole('status')).toHaveTextContent('Encoded space → %20.');

    await user.click(screen.getByRole('button', { name: 'Remove query parameter 1 (b)' }));
    expect(path).toHaveValue('/funds?a&note=a%20b');
    expect(screen.getByRole('tab', { name: 'Query (2)' })).toBeInTheDocument();
  });

  it('says at the field why a header cannot be added, and sends the ones that can', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    await user.click(screen.getByRole('tab', { name: 'Headers' }));
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByRole('textbox', { name: 'Header 1 name' }), 'Host');
    expect(await screen.findByText(/Host is written by the relay/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Header 1 name' })).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).not.toHaveBeenCalled();

    await user.clear(screen.getByRole('textbox', { name: 'Header 1 name' }));
    await user.type(screen.getByRole('textbox', { name: 'Header 1 name' }), 'X-Trace');
    await user.type(screen.getByRole('textbox', { name: 'Header 1 value' }), ' a  b ');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend.mock.calls[0]![0].headers).toEqual([{ name: 'X-Trace', value: ' a  b ' }]);
    expect(screen.getByRole('table', { name: /Added headers/ })).toHaveTextContent('not signed');
  });
});
