import { expect, type Locator, type Page } from '@playwright/test';
import { LAUNCH_TOKEN, pageHeaders } from '../fixtures/api.ts';

export type ColorScheme = 'light' | 'dark';

/**
 * The playground page as a person sees it: every locator is a role or a label (the accessible names
 * the page promises), never a CSS class or test id.
 */
export class PlaygroundPage {
  readonly environment: Locator;
  readonly method: Locator;
  readonly path: Locator;
  readonly body: Locator;
  readonly send: Locator;
  readonly stringToSign: Locator;
  readonly signature: Locator;
  readonly response: Locator;
  readonly history: Locator;
  readonly demoKey: Locator;
  readonly endpoint: Locator;
  readonly themeSwitch: Locator;
  readonly shortcutsButton: Locator;
  readonly historySearch: Locator;
  readonly selectedRequest: Locator;
  readonly productionBanner: Locator;
  readonly announcer: Locator;
  readonly timestampMode: Locator;
  readonly timestampUnit: Locator;
  readonly pinnedTimestamp: Locator;
  readonly restoreBody: Locator;
  readonly setBodyAside: Locator;
  readonly skipToComposer: Locator;

  constructor(readonly page: Page) {
    this.environment = page.getByRole('radiogroup', { name: 'Environment', exact: true });
    this.method = page.getByRole('combobox', { name: 'Method', exact: true });
    this.path = page.getByRole('textbox', { name: 'Path', exact: true });
    // The editor labelled "Body"; a bare getByLabel('Body') also finds the Response's "Body" tab panel.
    this.body = page.getByLabel('Body', { exact: true }).and(page.getByRole('textbox'));
    this.send = page.getByRole('button', { name: 'Send', exact: true });
    this.stringToSign = page.getByRole('region', { name: 'String to sign', exact: true });
    this.signature = page.getByRole('region', { name: 'Signature', exact: true });
    this.response = page.getByRole('region', { name: 'Response', exact: true });
    this.history = page.getByRole('region', { name: 'History', exact: true });
    this.demoKey = page.getByRole('combobox', { name: 'Demo key', exact: true });
    this.endpoint = page.getByRole('combobox', { name: 'Endpoint', exact: true });
    this.themeSwitch = page.getByRole('button', { name: /^Theme: / });
    this.shortcutsButton = page.getByRole('button', { name: 'Keyboard shortcuts', exact: true });
    this.historySearch = page.getByRole('searchbox', { name: 'Search history', exact: true });
    this.selectedRequest = this.history.getByRole('group', { name: 'Selected request', exact: true });
    this.productionBanner = page.getByRole('note', { name: 'Production environment', exact: true });
    // The page's one aria-live announcer (role status, polite) that reports sends and changes.
    this.announcer = page
      .getByRole('status')
      .filter({ hasNotText: /Loading/ })
      .last();
    this.timestampMode = page.getByRole('radiogroup', { name: 'Timestamp mode', exact: true });
    this.timestampUnit = page.getByRole('radiogroup', { name: 'Timestamp unit', exact: true });
    this.pinnedTimestamp = page.getByRole('textbox', { name: 'Timestamp', exact: true });
    this.restoreBody = page.getByRole('button', { name: 'Restore body', exact: true });
    this.setBodyAside = page.getByRole('button', { name: 'Set body aside', exact: true });
    this.skipToComposer = page.getByRole('link', { name: 'Skip to composer', exact: true });
  }

  /**
   * A path parameter field of the picked operation ("tx_id", "fund_id", ...): a text box, or a
   * combobox once it offers suggestions (IDs from recent responses, variables).
   */
  param(name: string): Locator {
    return this.page
      .getByRole('textbox', { name, exact: true })
      .or(this.page.getByRole('combobox', { name, exact: true }));
  }

  /** The bar under the header describing the selected environment ("Sandbox environment", ...). */
  environmentBar(name: 'Mock' | 'Sandbox' | 'Production'): Locator {
    return this.page.getByRole('region', { name: `${name} environment`, exact: true });
  }

  /** A modal dialog by its title. */
  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** A tab of the Response region: "Body", "Headers", "Raw", "Request" or "Timing". */
  responseTab(name: 'Body' | 'Headers' | 'Raw' | 'Request' | 'Timing'): Locator {
    return this.response.getByRole('tab', { name, exact: true });
  }

  /** The button of a history entry whose text mentions `text`. */
  historyButton(text: string): Locator {
    return this.historyEntry(text).getByRole('button');
  }

  /** A button of the "Selected request" actions in the History sidebar. */
  entryAction(
    name: 'Load into composer' | 'Re-send' | 'Replay exact' | 'Delete' | 'Copy as cURL' | 'Diagnose' | 'Compare…',
  ): Locator {
    return this.selectedRequest.getByRole('button', { name, exact: true });
  }

  /** Chooses a radio inside a segmented control, as a keyboard user does. */
  async chooseRadio(group: Locator, name: string): Promise<void> {
    const radio = group.getByRole('radio', { name, exact: true });
    await radio.focus();
    await this.page.keyboard.press('Space');
    await expect(radio).toBeChecked();
  }

  /** Picks a catalogue operation in "Endpoint" by its visible label start, e.g. "GET /balance". */
  async pickOperation(label: string): Promise<void> {
    const option = this.endpoint.getByRole('option', { name: new RegExp(`^${escapeRegExp(label)} —`) });
    const value = await option.getAttribute('value');
    if (!value) throw new Error(`No operation "${label}" in the Endpoint picker`);
    await this.endpoint.selectOption(value);
  }

  /** Pins the timestamp to `value` in `unit`. */
  async pinTimestamp(value: string, unit: 'Seconds' | 'Nanoseconds' = 'Seconds'): Promise<void> {
    await this.chooseRadio(this.timestampMode, 'Pinned');
    await this.chooseRadio(this.timestampUnit, unit);
    await this.pinnedTimestamp.fill(value);
    await expect(this.pinnedTimestamp).toHaveValue(value);
  }

  /** Composes and sends, then waits for the Response region to show `status`. */
  async sendAndExpect(request: { method: string; path: string; body?: string }, status: number): Promise<void> {
    await this.compose(request);
    await expect(this.stringToSign).toContainText(request.path.split('?')[0] ?? request.path);
    await this.send.click();
    await expect(this.responseStatus(status)).toBeVisible();
  }

  /** The body's plain text area gives way to the code editor once that has loaded: waits for it. */
  async waitForCodeEditor(): Promise<void> {
    await expect
      .poll(() => this.body.evaluate((el) => el.tagName).catch(() => 'replaced just now'), { timeout: 15_000 })
      .not.toMatch(/^(TEXTAREA|replaced just now)$/);
  }

  /** True when the document itself is taller or wider than the window (it should never be). */
  async pageOverflows(): Promise<{ height: number; innerHeight: number; width: number; innerWidth: number }> {
    return this.page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      innerHeight: window.innerHeight,
      width: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
  }

  /** Opens the page in the given colour scheme and waits until the composer can be used. */
  async open(colorScheme: ColorScheme = 'light'): Promise<void> {
    await this.page.emulateMedia({ colorScheme });
    await this.closeAllTabs();
    await this.page.goto('/');
    await expect(this.send).toBeVisible();
    await expect(this.path).toBeEditable();
  }

  /**
   * The playground keeps its open request tabs on the server: a test starts, as a person opening it
   * for the first time does, with none (the page then opens one with the default draft).
   */
  async closeAllTabs(): Promise<void> {
    const session = await this.page.request.get('/api/session', {
      headers: { authorization: `Bearer ${LAUNCH_TOKEN}` },
    });
    const res = await this.page.request.put('/api/workspace', {
      headers: pageHeaders(new URL(session.url()).origin),
      data: { workspace: { tabs: [], activeTabId: null } },
    });
    expect(res.status(), await res.text()).toBe(200);
  }

  /** The page follows the system scheme by default: class `dark` on <html> exactly when dark. */
  async expectColorScheme(scheme: ColorScheme): Promise<void> {
    const root = this.page.locator(':root');
    if (scheme === 'dark') await expect(root).toHaveClass(/\bdark\b/);
    else await expect(root).not.toHaveClass(/\bdark\b/);
  }

  /** The radio for one environment ("Mock", "Sandbox", "Production"), whatever extra the label says. */
  environmentOption(name: 'Mock' | 'Sandbox' | 'Production'): Locator {
    return this.environment.getByRole('radio', { name: new RegExp(`^${name}\\b`, 'i') });
  }

  async chooseEnvironment(name: 'Mock' | 'Sandbox' | 'Production'): Promise<void> {
    const option = this.environmentOption(name);
    // The radios are visually hidden inside their labels (a segmented control): choose as a keyboard user does.
    await option.focus();
    await this.page.keyboard.press('Space');
    await expect(option).toBeChecked();
  }

  /** Sets the method whether the combobox is a <select> or a free-text input with suggestions. */
  async setMethod(method: string): Promise<void> {
    const tag = await this.method.evaluate((el) => el.tagName);
    if (tag === 'SELECT') await this.method.selectOption(method);
    else await this.method.fill(method);
    await expect(this.method).toHaveValue(method);
  }

  async setPath(path: string): Promise<void> {
    await this.path.fill(path);
    await expect(this.path).toHaveValue(path);
  }

  /** Replaces the body editor's text with exactly `text`. */
  async setBody(text: string): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  /** Pastes `text` at the cursor of the body editor, as the clipboard would deliver it (CRs included). */
  async pasteIntoBody(text: string): Promise<void> {
    await this.body.focus();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.body.evaluate((el, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  async compose(request: { method: string; path: string; body?: string }): Promise<void> {
    await this.setMethod(request.method);
    await this.setPath(request.path);
    if (request.body !== undefined) await this.setBody(request.body);
  }

  /** The response status as the Response region shows it, e.g. "200". */
  responseStatus(status: number): Locator {
    return this.response.getByText(new RegExp(`^\\s*${status}\\b`)).first();
  }

  /** History entries whose text mentions `text` (a unique path keeps tests independent). */
  historyEntry(text: string): Locator {
    return this.history.getByRole('listitem').filter({ hasText: text });
  }

  /** The four regions the page always shows, plus the composer controls. */
  async expectRegions(): Promise<void> {
    await expect(this.environment).toBeVisible();
    await expect(this.method).toBeVisible();
    await expect(this.path).toBeVisible();
    await expect(this.send).toBeVisible();
    await expect(this.stringToSign).toBeVisible();
    await expect(this.signature).toBeVisible();
    await expect(this.response).toBeVisible();
    await expect(this.history).toBeVisible();
  }
}

/** A path segment nobody else uses, so a test finds its own history entry whatever ran before. */
export function uniqueMarker(prefix = 'e2e'): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
