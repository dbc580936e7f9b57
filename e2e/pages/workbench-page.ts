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
