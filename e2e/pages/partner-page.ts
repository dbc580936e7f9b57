import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { HistoryEntry, HistoryList } from '../../core/contract.ts';
import { pageHeaders } from '../fixtures/api.ts';
import { PlaygroundPage } from './playground-page.ts';

/** The Partner API in the page: the API control, the partner bar, its keys panel and the nonce choice. */
export class PartnerPage extends PlaygroundPage {
  readonly api: Locator;
  readonly demoPartner: Locator;
  readonly generateKeyPair: Locator;
  readonly publicKey: Locator;
  readonly copyPublicKey: Locator;
  readonly importKey: Locator;
  readonly apiKey: Locator;
  readonly freshness: Locator;
  readonly nonce: Locator;
  readonly segments: Locator;

  constructor(page: Page) {
    super(page);
    this.api = page.getByRole('radiogroup', { name: 'API', exact: true });
    this.demoPartner = page.getByRole('combobox', { name: 'Demo partner', exact: true });
    this.generateKeyPair = page.getByRole('button', { name: /^Generate (a new )?key pair$/ });
    this.publicKey = page.getByRole('textbox', { name: 'Public key (PEM)', exact: true });
    this.copyPublicKey = page.getByRole('button', { name: 'Copy public key', exact: true });
    this.importKey = page.getByRole('textbox', { name: 'Import a private key', exact: true });
    this.apiKey = page.getByLabel('X-API-KEY', { exact: true }).and(page.getByRole('textbox'));
    this.freshness = page.getByRole('radiogroup', { name: 'Freshness header', exact: true });
    this.nonce = page.getByRole('textbox', { name: 'Nonce', exact: true });
    this.segments = this.stringToSign.getByRole('list', { name: 'Segments', exact: true }).getByRole('listitem');
  }

  /** The partner environment bar ("Mock environment, Partner API", ...). */
  partnerBar(name: 'Mock' | 'Sandbox' | 'Production'): Locator {
    return this.page.getByRole('region', { name: `${name} environment, Partner API`, exact: true });
  }

  async usePartnerApi(): Promise<void> {
    await this.chooseRadio(this.api, 'Partner API');
    await expect(this.endpoint).toHaveValue('partner-get-assets');
  }

  /** Picks an operation, fills its path parameters, sets its body (or leaves the example), and sends. */
  async sendOperation(label: string, params: Record<string, string> = {}, body?: string, status = 200): Promise<void> {
    await this.pickOperation(label);
    for (const [name, value] of Object.entries(params)) await this.param(name).fill(value);
    if (body !== undefined) await this.setBody(body);
    // The payload as it will be signed, live: value, URL and body, never a method.
    await expect(this.segments.first()).toContainText(/Timestamp|Nonce/);
    await expect(this.segments.filter({ hasText: 'Method' })).toHaveCount(0);
    await this.send.click();
    await expect(this.responseStatus(status)).toBeVisible();
  }
}

/** The JSON body of the newest history entry (the response just shown), read through /api/history. */
export async function lastResponseJson<T = Record<string, unknown>>(
  request: APIRequestContext,
  baseURL: string,
): Promise<T> {
  const list = await request.get('/api/history?limit=1', { headers: pageHeaders(baseURL) });
  const id = ((await list.json()) as HistoryList).entries[0]!.id;
  const res = await request.get(`/api/history/${id}`, { headers: pageHeaders(baseURL) });
  expect(res.status()).toBe(200);
  return JSON.parse(((await res.json()) as HistoryEntry).response!.body) as T;
}
