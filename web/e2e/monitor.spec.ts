import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers';

// The demo day (haiquan demo): 02B1's GTT22 service stopped with a file it did not receive, a lost SLXNK
// file of 03CC, a size mismatch at 01.

test('a Cục viewer sees its units on the board and follows a red cell to the stopped service', async ({ page }) => {
  await login(page, '02.giamsat', DEMO_PASSWORD);
  await page.goto('/monitor/board');
  await expect(page.getByTestId('cell-02CI-SLXNK')).toBeVisible();
  await expect(page.getByTestId('cell-03CC-SLXNK')).toHaveCount(0); // another Cục's Chi cục
  await page.getByTestId('cell-02B1-GTT22').click();
  await expect(page).toHaveURL(/\/monitor\/incidents\?system=GTT22&unit=02B1/);
  const row = page.getByRole('row', { name: /SERVICE_STOPPED/ });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: /Expand row|Mở rộng/ }).click();
  await expect(page.getByText('FILE_NOT_RECEIVED').first()).toBeVisible(); // the file the service did not receive
});

test('the IT department closes an incident of its system with a note and exports the list', async ({ page }) => {
  await login(page, 'cntt.vanhanh', DEMO_PASSWORD);
  await page.goto('/monitor/incidents');
  const row = page.getByRole('row', { name: /SIZE_MISMATCH/ });
  await row.getByRole('button', { name: 'Đóng sự cố' }).click();
  await page.getByPlaceholder('Ghi chú khi đóng').fill('Đã truyền lại tệp, dung lượng khớp');
  await page.getByRole('dialog').getByRole('button', { name: 'Đóng sự cố' }).click();
  await expect(page.getByRole('row', { name: /SIZE_MISMATCH/ })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  expect((await download).suggestedFilename()).toBe('su-co.xlsx');
});
