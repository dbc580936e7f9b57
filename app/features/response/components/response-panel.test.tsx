import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RelayResponse, RelayResult } from '../../../../core/contract.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { ResponsePanel } from './response-panel.tsx';

function result(response: Partial<RelayResponse> | null, error: RelayResult['error'] = null): RelayResult {
  return {
    id: 7,
    kind: 'send',
    createdAt: Date.UTC(2026, 10, 29, 9, 0, 0),
    environment: 'mock',
    keyId: 'demo-full',
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:8091/api/v1/p/balance',
      path: '/balance',
      headers: { accept: 'application/json', 'x-example': 'one' },
      body: null,
    },
    timestamp: '1764406800',
    signature: 'c2lnbmF0dXJl',
    stringToSign: { segments: [{ name: 'timestamp', text: '1764406800', offset: 0, length: 10 }], byteLength: 10 },
    hashes: { signedBodySha256: 'e3b0', sentBodySha256: 'e3b0' },
    response:
      response === null
        ? null
        : {
            status: 200,
            statusText: 'OK',
            headers: { 'content-type': 'application/json' },
            body: '{"assets":{"BTC":{"total":1}}}',
            bodyEncoding: 'utf8',
            size: 30,
            truncated: false,
            ...response,
          },
    error,
    timings: { ttfbMs: 12, totalMs: 15 },
  };
}

describe('ResponsePanel', () => {
  it('says what to do before anything was sent', () => {
    render(<ResponsePanel result={null} pending={false} error={null} />);
    expect(screen.getByRole('region', { name: 'Response' })).toHaveTextContent(/Send a request/);
  });

  it('shows a 200 with its meaning, time, size and the body formatted', async () => {
    render(<ResponsePanel result={result({})} pending={false} error={null} />);
    const panel = screen.getByRole('region', { name: 'Response' });
    expect(within(panel).getByText('200 OK')).toBeInTheDocument();
    expect(panel).toHaveTextContent('15 ms');
    expect(panel).toHaveTextContent('30 B');
    expect(panel).toHaveTextContent('"total": 1');
    const collapse = within(panel).getByRole('button', { name: 'Collapse the block on line 2' });
    expect(collapse).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(collapse);
    expect(within(panel).getByRole('button', { name: 'Expand the block on line 2' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(panel).not.toHaveTextContent('"total": 1');
  });

  it('searches the body and counts matches', async () => {
    render(<ResponsePanel result={result({ body: '{"a":"btc","b":"BTC","c":"eth"}' })} pending={false} error={null} />);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search response' }), 'btc{Enter}');
    expect(await screen.findByText('1 of 2')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next match' }));
    expect(await screen.findByText('2 of 2')).toBeInTheDocument();
  });

  it('shows a 401 with the reason Qredo gave', () => {
    const r = result({
      status: 401,
      statusText: 'Unauthorized',
      body: '{"code":401,"msg":"errPartnerAuth","detail":{"reason":"signature"}}',
    });
    render(<ResponsePanel result={r} pending={false} error={null} />);
    expect(screen.getByText('401 Unauthorized')).toBeInTheDocument();
    expect(screen.getByText('signature')).toBeInTheDocument();
    expect(screen.getByText(/Reason:/)).toBeInTheDocument();
  });

  it('shows a relay error plainly, with the request as sent', async () => {
    const r = result(null, { code: 'upstream-unreachable', message: 'connect ECONNREFUSED 127.0.0.1:9' });
    render(<ResponsePanel result={r} pending={false} error={null} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The upstream could not be reached');
    expect(alert).toHaveTextContent('ECONNREFUSED');
    expect(alert).toHaveTextContent('upstream-unreachable');
    expect(screen.getByRole('tab', { name: 'Request' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('They match');
  });

  it('shows a page error where the response would be', () => {
    const error = new ApiRequestError(
      403,
      'confirmation-required',
      'A POST to production can move funds, so it is sent only after you confirm it.',
    );
    render(<ResponsePanel result={null} pending={false} error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent(/confirmation-required/);
    expect(screen.getByRole('alert')).toHaveTextContent(/sent only after you confirm it/);
  });

  it('shows HTML as text, never as markup', () => {
    const html = '<html><body><h1>Gateway</h1><script>window.hacked = true</script></body></html>';
    const r = result({ status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' }, body: html });
    const { container } = render(<ResponsePanel result={r} pending={false} error={null} />);
    expect(screen.getByText(/never rendered/)).toBeInTheDocument();
    expect(screen.getByText(html)).toBeInTheDocument();
    expect(container.querySelector('h1')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
  });

  it('shows a redirect with its Location and never follows it', () => {
    const r = result({
      status: 302,
      statusText: 'Found',
      headers: { location: 'https://elsewhere.example/login' },
      body: '',
    });
    render(<ResponsePanel result={r} pending={false} error={null} />);
    expect(screen.getByText('https://elsewhere.example/login')).toBeInTheDocument();
    expect(screen.getByText(/never follows/)).toBeInTheDocument();
  });

  it('shows a binary body as hex, and a cut body as cut', () => {
    const r = result({
      headers: { 'content-type': 'image/png' },
      body: btoa('\u0089PNG\r\n'),
      bodyEncoding: 'base64',
      size: 6,
      truncated: true,
    });
    render(<ResponsePanel result={r} pending={false} error={null} />);
    expect(screen.getByText(/binary body/i)).toBeInTheDocument();
    expect(screen.getByLabelText('Hex preview')).toHaveTextContent('89 50 4e 47 0d 0a');
  });

  it('gates a body over 2 MB behind a button', async () => {
    const body = JSON.stringify({ data: 'x'.repeat(2.1 * 1024 * 1024) });
    render(<ResponsePanel result={result({ body, size: body.length })} pending={false} error={null} />);
    expect(screen.getByText(/over 2.0 MB are shown as raw text/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show formatted anyway' })).toBeInTheDocument();
  });

  it('lists the response headers in the Headers tab', async () => {
    render(
      <ResponsePanel
        result={result({ headers: { 'content-type': 'application/json', 'x-request-id': 'abc' } })}
        pending={false}
        error={null}
      />,
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Headers' }));
    const table = screen.getByRole('table', { name: 'Response headers' });
    expect(within(table).getByRole('rowheader', { name: 'x-request-id' })).toBeInTheDocument();
  });
});

describe('ResponsePanel: which request it shows', () => {
  it('names history number, method and path, environment and key', () => {
    render(
      <ResponsePanel
        result={result({})}
        pending={false}
        error={null}
        keyName={{ name: 'full', title: 'Demo key full', demoKey: 'full' }}
      />,
    );
    const region = screen.getByRole('region', { name: 'Response' });
    expect(region).toHaveAccessibleDescription(/^#7 · GET \/balance · Mock · key full · /);
    expect(region).not.toHaveTextContent('not the current request');
  });

  it('says when it is not the current request, and why', () => {
    render(
      <ResponsePanel result={result({})} pending={false} error={null} notCurrent="The composer is on Production." />,
    );
    const region = screen.getByRole('region', { name: 'Response' });
    expect(region).toHaveTextContent('#7 · Mock — not the current request');
    expect(region).toHaveTextContent('The composer is on Production.');
    expect(region).toHaveAccessibleDescription(/key demo-full · .* Not the current request\.$/);
  });
});
