import { expect, type Locator, type Page } from '@playwright/test';

/** The workbench around the composer: request tabs, collections, variables, files. Roles and labels only. */
export class WorkbenchPage {
  readonly tablist: Locator;
  readonly newTab: Locator;
  readonly tabsSaved: Locator;
  readonly sidebarSwitch: Locator;
  readonly collections: Locator;
  readonly variables: Locator;

  constructor(readonly page: Page) {
    this.tablist = page.getByRole('tablist', { name: 'Request tabs', exact: true });
    this.newTab = page.getByRole('button', { name: 'New tab', exact: true });
    this.tabsSaved = page.getByRole('status').filter({ hasText: /^Tabs saved$/ });
    this.sidebarSwitch = page.getByRole('tablist', { name: 'Sidebar', exact: true });
    this.collections = page.getByRole('region', { name: 'Collections', exact: true });
    this.variables = page.getByRole('region', { name: 'Variables', exact: true });
  }

  tab(name: string | RegExp): Locator {
    return this.tablist.getByRole('tab', { name });
  }

  async openSidebar(name: 'History' | 'Collections' | 'Variables'): Promise<void> {
    await this.sidebarSwitch.getByRole('tab', { name, exact: true }).click();
  }

  /** Waits until the open tabs are written to the server. */
  async expectSaved(): Promise<void> {
    await expect(this.tabsSaved).toBeVisible();
  }
}

export class SaveDialogPage {
  readonly dialog: Locator;
  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Save to collection', exact: true });
  }

  /** Saves the active tab (or the request the dialog was opened for) under a name, into a collection. */
  async save(name: string, collection: { new: string } | { existing: string }): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('textbox', { name: 'Request name', exact: true }).fill(name);
    const select = this.dialog.getByRole('combobox', { name: 'Collection', exact: true });
    if ('new' in collection) {
      await select.selectOption({ label: 'New collection…' });
      await this.dialog.getByRole('textbox', { name: 'New collection name', exact: true }).fill(collection.new);
    } else {
      await select.selectOption({ label: collection.existing });
    }
    await this.dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.dialog).toHaveCount(0);
  }
}
