import { expect, type Locator, type Page } from '@playwright/test';

export type ColorScheme = 'light' | 'dark';

/**
 * The playground page as a person sees it: every locator is a role or a label (the accessible names
 * the page promises in issue 4), never a CSS class or test id.
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
  }

  /** Opens the page in the given colour scheme and waits until the composer can be used. */
  async open(colorScheme: ColorScheme = 'light'): Promise<void> {
    await this.page.emulateMedia({ colorScheme });
    await this.page.goto('/');
    await expect(this.send).toBeVisible();
    await expect(this.path).toBeEditable();
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
