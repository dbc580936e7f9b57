import { expect, type Locator, type Page } from '@playwright/test';

/** The header's view switch: Playground, Doctor, Walkthrough, Feed (links to hash routes). */
export class ViewSwitch {
  readonly nav: Locator;
  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Views', exact: true });
  }
  link(name: 'Playground' | 'Doctor' | 'Walkthrough' | 'Feed'): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }
  async go(name: 'Playground' | 'Doctor' | 'Walkthrough' | 'Feed'): Promise<void> {
    await this.link(name).click();
    await expect(this.link(name)).toHaveAttribute('aria-current', 'page');
  }
}

export class DoctorPage {
  readonly captured: Locator;
  readonly diagnose: Locator;
  readonly diagnosis: Locator;
  readonly verdict: Locator;
  readonly causes: Locator;
  readonly error: Locator;
  /** The corrected request in a new composer tab, or saved to a collection. */
  readonly newRequest: Locator;
  readonly saveToCollection: Locator;
  constructor(readonly page: Page) {
    this.captured = page.getByRole('textbox', { name: 'Captured request', exact: true });
    this.diagnose = page.getByRole('button', { name: 'Diagnose', exact: true });
    this.diagnosis = page.getByRole('region', { name: 'Diagnosis', exact: true });
    this.verdict = this.diagnosis.getByRole('status').first();
    this.causes = this.diagnosis.getByRole('list', { name: 'Probable causes' }).getByRole('listitem');
    this.error = page.getByRole('alert');
    this.newRequest = this.diagnosis.getByRole('button', { name: 'New request from this', exact: true });
    this.saveToCollection = this.diagnosis.getByRole('button', { name: 'Save to collection…', exact: true });
  }
  async open(): Promise<void> {
    await this.page.goto('/#/doctor');
    await expect(this.captured).toBeVisible();
  }
  async checkAgainst(name: 'Mock' | 'Sandbox' | 'Production'): Promise<void> {
    await this.page.getByRole('group', { name: 'Check against' }).getByRole('radio', { name, exact: true }).check();
  }
}

export class WalkthroughPage {
  readonly steps: Locator;
  constructor(readonly page: Page) {
    this.steps = page
      .getByRole('list', { name: 'Signing steps', exact: true })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading') });
  }
  async open(): Promise<void> {
    await this.page.goto('/#/walkthrough');
    await expect(this.steps.first()).toBeVisible();
  }
  step(n: number): Locator {
    return this.page.getByRole('listitem', { name: new RegExp(`^Step ${n}:`) });
  }
}

export class SharePanel {
  readonly region: Locator;
  readonly exportBundle: Locator;
  readonly exportHar: Locator;
  readonly copyLink: Locator;
  readonly importBundle: Locator;
  readonly fileInput: Locator;
  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Share', exact: true });
    this.exportBundle = this.region.getByRole('button', { name: 'Export bundle', exact: true });
    this.exportHar = this.region.getByRole('button', { name: 'Export HAR', exact: true });
    this.copyLink = this.region.getByRole('button', { name: 'Copy link', exact: true });
    this.importBundle = this.region.getByRole('button', { name: 'Import bundle', exact: true });
    this.fileInput = page.getByLabel('Bundle file', { exact: true });
  }
}

export class ImportedBundlePage {
  readonly heading: Locator;
  readonly entry: Locator;
  readonly verify: Locator;
  readonly verification: Locator;
  readonly rerun: Locator;
  readonly rerunOn: Locator;
  readonly rerunResult: Locator;
  /** The entry's request in a new composer tab, or saved to a collection. */
  readonly newRequest: Locator;
  readonly saveToCollection: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Imported bundle', exact: true });
    this.entry = page.getByRole('article', { name: 'Bundle entry 1', exact: true });
    this.verify = this.entry.getByRole('button', { name: 'Verify with my secret', exact: true });
    this.verification = this.entry.getByRole('status', { name: 'Verification' });
    this.rerun = this.entry.getByRole('button', { name: 'Re-run', exact: true });
    this.rerunOn = this.entry.getByRole('combobox', { name: 'Re-run on', exact: true });
    this.rerunResult = this.entry.getByRole('status', { name: 'Re-run result' });
    this.newRequest = this.entry.getByRole('button', { name: 'New request from this', exact: true });
    this.saveToCollection = this.entry.getByRole('button', { name: 'Save to collection…', exact: true });
  }
}

export class CurlImportDialogPage {
  readonly open: Locator;
  readonly dialog: Locator;
  readonly command: Locator;
  /** "Import", or "Import into Mock" once the summary knows where the request goes. */
  readonly importButton: Locator;
  /** What the import keeps and drops, and which environment the host is. */
  readonly summary: Locator;
  readonly importInto: Locator;
  readonly kept: Locator;
  readonly dropped: Locator;
  constructor(readonly page: Page) {
    this.open = page.getByRole('button', { name: 'Import cURL', exact: true });
    this.dialog = page.getByRole('dialog', { name: 'Import cURL' });
    this.command = this.dialog.getByRole('textbox', { name: 'cURL command', exact: true });
    this.importButton = this.dialog.getByRole('button', { name: /^Import( into (Mock|Sandbox|Production))?$/ });
    this.summary = this.dialog.getByRole('region', { name: 'Import summary', exact: true });
    this.importInto = this.summary.getByRole('radiogroup', { name: 'Import into', exact: true });
    this.kept = this.summary.getByRole('list', { name: 'Kept', exact: true });
    this.dropped = this.summary.getByRole('list', { name: 'Dropped', exact: true });
  }
  /** Chooses where the imported request goes. */
  async chooseEnvironment(name: 'Mock' | 'Sandbox' | 'Production'): Promise<void> {
    await this.importInto.getByRole('radio', { name, exact: true }).check();
  }
}
