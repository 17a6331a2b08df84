// Risk-based selection, end to end on the demo data: an officer of Cục KTSTQ opens the demo run, reads a
// candidate's reasons and profile, proposes an audit from it (the run goes with the proposal), and the
// department's leader approves it from the queue.
import { expect, test } from '@playwright/test';
import { approveFromQueue, DEMO_PASSWORD, login, logout } from './helpers';

test('KTSTQ: from a run candidate to an approved proposal', async ({ page }) => {
  test.slow(); // a whole workflow across four accounts: three times the default time
  await login(page, 'ktstq.canbo', DEMO_PASSWORD);
  await page.locator('.hq-menu').getByRole('link', { name: 'Lựa chọn đối tượng theo rủi ro' }).click();
  await expect(page.getByRole('heading', { name: 'Phân tích rủi ro, lựa chọn đối tượng KTSTQ' })).toBeVisible();
  await page.getByTestId('risk-run-link').first().click();
  await expect(page).toHaveURL(/\/audit\/risk\/runs\/\d+$/);
  const runUrl = new URL(page.url()).pathname;
  await page.getByTestId('candidate-class').getByText('Đề xuất kiểm tra').click();
  // A generated importer of the demo extract (codes 0310…): no earlier proposals to block the approval.
  const row = page.locator('tr[data-row-key^="0310"]').first();
  await expect(row).toBeVisible();
  await expect(row.getByTestId('candidate-reason').first()).toBeVisible();
  const taxCode = (await row.getAttribute('data-row-key')) ?? '';

  // The profile of the candidate: charts and figures.
  await row.getByRole('button', { name: 'Hồ sơ hoạt động' }).click();
  await expect(page.getByTestId('activity-profile')).toBeVisible();
  await expect(page.getByTestId('chart-months')).toBeVisible();
  await page.goto(runUrl + '?class=AUDIT');

  await page.locator(`tr[data-row-key="${taxCode}"]`).getByTestId('candidate-propose').click();
  await expect(page).toHaveURL(/\/audit\/proposals\/new\?tax_code=/);
  await expect(page.getByTestId('search-result')).toBeVisible();
  await page.getByTestId('prop-grounds').getByText('Quản lý rủi ro').click();
  await page.getByTestId('proposal-submit').click();
  await expect(page.getByTestId('proposal-created')).toContainText('Đã lập đề xuất');
  const number = ((await page.getByTestId('proposal-created').innerText()).match(/\S+ĐXKT-KTSTQ/) ?? [''])[0];
  expect(number).not.toBe('');
  await page.getByTestId('proposal-open').click();
  await expect(page).toHaveURL(/\/audit\/proposals\/\d+$/);
  const proposalUrl = new URL(page.url()).pathname;
  await expect(page.getByText(/Quản lý rủi ro: đợt phân tích số \d+/).first()).toBeVisible();
  await logout(page);

  await approveFromQueue(page, 'ktstq.lanhdao', number);
  await page.goto(proposalUrl);
  await expect(page.locator('[data-status="APPROVED"]').first()).toBeVisible();
});
