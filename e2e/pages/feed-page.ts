import { expect, type Locator, type Page } from '@playwright/test';

export type FeedStage = 'created' | 'pending' | 'authorized' | 'approved';

/** The Feed view (#/feed) as a person sees it: roles and labels only. */
export class FeedPage {
  readonly connection: Locator;
  readonly environment: Locator;
  readonly demoKey: Locator;
  readonly status: Locator;
  readonly problem: Locator;
  readonly feed: Locator;
  readonly timelineTab: Locator;
  readonly rawTab: Locator;
  readonly rawMessages: Locator;

  constructor(readonly page: Page) {
    this.connection = page.getByRole('region', { name: 'Feed connection', exact: true });
    this.environment = this.connection.getByRole('combobox', { name: 'Feed environment', exact: true });
    this.demoKey = this.connection.getByRole('combobox', { name: 'Demo key', exact: true });
    this.status = this.connection.getByRole('status');
    this.problem = this.connection.getByRole('alert');
    this.feed = page.getByRole('region', { name: 'Feed', exact: true });
    this.timelineTab = this.feed.getByRole('tab', { name: 'Timeline', exact: true });
    this.rawTab = this.feed.getByRole('tab', { name: /^Raw messages/ });
    this.rawMessages = this.feed.getByRole('list', { name: 'Raw messages, newest first', exact: true });
  }

  /** Waits until the feed is open ("Listening to ws://…"). */
  async expectListening(): Promise<void> {
    await expect(this.status).toContainText('Listening to');
  }

  transaction(txID: string): Locator {
    return this.page.getByRole('article', { name: `Transaction ${txID}`, exact: true });
  }

  /** A stage of a transaction's timeline, once reached with its time ("approved at 10:00:11"). */
  stage(txID: string, stage: FeedStage): Locator {
    return this.transaction(txID)
      .getByRole('list', { name: 'Status timeline', exact: true })
      .getByRole('listitem', { name: new RegExp(`^${stage} at \\d{2}:\\d{2}:\\d{2}$`) });
  }

  /** The status badge of a transaction ("Status: approved"). */
  statusOf(txID: string, status: string): Locator {
    return this.transaction(txID).getByLabel(`Status: ${status}`, { exact: true });
  }
}
