import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmSendDialog } from './confirm-send-dialog.tsx';

const props = { open: true, url: 'https://api.example/qapi/v1/x', onConfirm: vi.fn(), onCancel: vi.fn() };

describe('ConfirmSendDialog', () => {
  it('says what is sending, and the size of a body it expects', () => {
    render(
      <ConfirmSendDialog {...props} method="POST" body='{"a":1}' action="Re-send of history #3, signed again now" />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Send POST to production?' });
    expect(dialog).toHaveTextContent('Re-send of history #3, signed again now.');
    expect(dialog).toHaveTextContent('With a body of 7 bytes');
  });

  it('names a body sent with a method that takes none', () => {
    render(<ConfirmSendDialog {...props} method="DELETE" body="  " />);
    expect(screen.getByRole('dialog')).toHaveTextContent(
      'DELETE with a 2 B whitespace-only body: it is signed and sent, although a DELETE takes no body.',
    );
  });
});
