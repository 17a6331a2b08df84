import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, claimFirstReceived, login } from './helpers';

// The officer recalls a refusal letter sent to the leaders by mistake; the administrator sees the CRL
// distribution points as the server's refresh job last found them. On `haiquan demo` data.

test('an officer recalls a refusal letter sent by mistake', async ({ page }) => {
  await claimFirstReceived(page);
  await expect(page.getByTestId('action-propose-refusal')).toBeVisible();
  await expect(page.getByTestId('action-recall')).toHaveCount(0); // nothing sent yet
  await page.getByTestId('action-propose-refusal').click();
  await page.locator('.ant-modal textarea#reason').fill('Không thuộc thẩm quyền của Chi cục');
  await page.getByTestId('action-ok').click();
  await expect(page.getByText('Chờ lãnh đạo bộ phận').first()).toBeVisible();
  await expect(page.getByTestId('letters')).toContainText('Dự thảo');

  await page.getByTestId('action-recall').click();
  await expect(page.locator('.ant-modal')).toContainText('Đề xuất công văn từ chối');
  await page.locator('.ant-modal textarea#comment').fill('Gửi nhầm hồ sơ');
  await page.getByTestId('action-ok').click();
  await expect(page.getByText('Đang xử lý').first()).toBeVisible();
  await expect(page.getByTestId('letters')).toContainText('Đã thu hồi (gửi nhầm)');
  await expect(page.getByText('Thu hồi bước đã gửi').first()).toBeVisible(); // the timeline entry
  await expect(page.getByTestId('action-recall')).toHaveCount(0);
});

test('the administrator sees the CRL distribution points and the refresh job', async ({ page }) => {
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/eservices/admin/trust');
  await expect(page.getByTestId('crl-sources')).toBeVisible();
  await expect(page.getByText('Tác vụ định kỳ')).toBeVisible();
  await expect(page.getByText(/mỗi 60 phút/)).toBeVisible();
  await page.getByTestId('refresh-crls').click();
  await expect(page.getByText(/Đã yêu cầu cập nhật CRL/)).toBeVisible();
});
