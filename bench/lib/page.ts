/** Helpers for driving the playground page by role and label, as the e2e page module does. */
import type { Locator, Page } from '@playwright/test';
import { sleep } from './stats.ts';

export interface PlaygroundLocators {
  environment: Locator;
  method: Locator;
  path: Locator;
  body: Locator;
  send: Locator;
  stringToSign: Locator;
  signature: Locator;
  response: Locator;
  history: Locator;
  search: Locator;
}

export function locate(page: Page): PlaygroundLocators {
  return {
    environment: page.getByRole('radiogroup', { name: 'Environment', exact: true }),
    method: page.getByRole('combobox', { name: 'Method', exact: true }),
    path: page.getByRole('textbox', { name: 'Path', exact: true }),
    body: page.getByLabel('Body', { exact: true }),
    send: page.getByRole('button', { name: 'Send', exact: true }),
    stringToSign: page.getByRole('region', { name: 'String to sign', exact: true }),
    signature: page.getByRole('region', { name: 'Signature', exact: true }),
    response: page.getByRole('region', { name: 'Response', exact: true }),
    history: page.getByRole('region', { name: 'History', exact: true }),
    search: page.getByLabel('Search history', { exact: true }),
  };
}

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(...)`; the
 * functions we hand to page.evaluate carry that call into the page, so the page gets a no-op one.
 */
export async function shimNames(page: Page): Promise<void> {
  await page.addInitScript('globalThis.__name = (f) => f;');
}

/** Opens the page and waits until the composer can be used. */
export async function openPlayground(page: Page, origin: string): Promise<PlaygroundLocators> {
  await shimNames(page);
  await page.goto(origin);
  const l = locate(page);
  await l.send.waitFor({ state: 'visible', timeout: 30_000 });
  await l.path.waitFor({ state: 'visible' });
  return l;
}

export async function setMethod(l: PlaygroundLocators, method: string): Promise<void> {
  const tag = await l.method.evaluate((el) => el.tagName);
  if (tag === 'SELECT') await l.method.selectOption(method);
  else await l.method.fill(method);
}

/** Waits until the body editor is CodeMirror (it is loaded lazily; a textarea stands in meanwhile). */
export async function waitForCodeEditor(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[aria-label="Body"]');
      return el !== null && el.tagName !== 'TEXTAREA';
    },
    undefined,
    { timeout: timeoutMs },
  );
}

/** Replaces the body editor's text with `text`, as a paste would. */
export async function setBody(page: Page, l: PlaygroundLocators, text: string): Promise<void> {
  await l.body.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Waits until `read()` gives the same non-empty answer for `quietMs` in a row. */
export async function settle(read: () => Promise<string>, quietMs: number, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(50);
    const now = await read();
    if (now !== last || now === '') {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return now;
    }
  }
  throw new Error(`did not settle within ${timeoutMs} ms`);
}
