import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPreview } from '../test-support/preview.ts';
import { LAUNCH_TOKEN } from './fixtures/api.ts';
import { expect, test } from './fixtures/playground.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { WorkbenchPage } from './pages/workbench-page.ts';

// Open tabs live in the data folder's database, not in the page: the server stopped and started again
// on the same folder (and another port, so the browser's storage for the old address is no help)
// gives the same tabs back, the one that was active still active.

test('open tabs and their drafts come back after the server restarts', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qredo-playground-restart-'));
  try {
    const first = await startPreview({ dataDir, token: LAUNCH_TOKEN });
    const playground = new PlaygroundPage(page);
    const workbench = new WorkbenchPage(page);
    const marker = uniqueMarker('restart');
    try {
      await page.goto(first.url);
      await expect(playground.path).toBeEditable();
      await playground.setPath(`/balance/${marker}`);
      await workbench.newTab.click();
      await playground.compose({ method: 'POST', path: `/transaction/${marker}`, body: '{"after":"restart"}' });
      await workbench.expectSaved();
    } finally {
      await first.close();
    }

    const second = await startPreview({ dataDir, token: LAUNCH_TOKEN });
    try {
      expect(second.origin).not.toBe(first.origin);
      await page.goto(second.url);
      await expect(workbench.tab(`POST /transaction/${marker}`)).toHaveAttribute('aria-selected', 'true');
      await expect(playground.path).toHaveValue(`/transaction/${marker}`);
      await expect(playground.body).toContainText('{"after":"restart"}');
      await workbench.tab(`GET /balance/${marker}`).click();
      await expect(playground.path).toHaveValue(`/balance/${marker}`);
      await expect(playground.method).toHaveValue('GET');
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
