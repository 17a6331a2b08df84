import { expect, test } from '@playwright/test';
import { claimFirstReceived, DEMO_PASSWORD, login } from './helpers';

// haiquan demo: the enterprise dn.thepvietsai has dossiers at 02CI01, where 02ci.dvc.canbo processes them.

test('an enterprise sees the catalogue, a procedure and its own dossiers', async ({ page }) => {
  await login(page, 'dn.thepvietsai', DEMO_PASSWORD);
  await page.goto('/eservices/procedures');
  const first = page.getByTestId('procedures').getByRole('link', { name: 'I.01', exact: true });
  await expect(first).toBeVisible({ timeout: 20_000 }); // the first lazy page of a cold server
  await first.click();
  await expect(page).toHaveURL(/\/eservices\/procedures\/I\.01$/);
  await expect(page.getByText('Thành phần hồ sơ')).toBeVisible({ timeout: 20_000 });
  await page.goto('/eservices/dossiers');
  const rows = page.getByTestId('my-dossiers').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await rows.first().getByRole('link').first().click();
  await expect(page.getByText('Quá trình xử lý')).toBeVisible();
});

test('an officer sees the inbox with the remaining time', async ({ page }) => {
  await login(page, '02ci.dvc.canbo', DEMO_PASSWORD);
  await page.goto('/eservices/inbox');
  const rows = page.getByTestId('inbox').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('inbox').getByText(/còn \d+ ngày \d+ giờ/).first()).toBeVisible();
  await page.getByTestId('overdue-only').click();
  await expect(page).toHaveURL(/overdue=true/);
});

test('the registration and verification pages open without signing in', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('eservices-register-link').click();
  await expect(page).toHaveURL(/\/dvc\/register/);
  await expect(page.getByText('Mã số thuế')).toBeVisible();
  await page.goto('/dvc/verify?number=KQ-0000-000000');
  await expect(page.getByTestId('verify-number')).toBeVisible();
});

test('a citizen submits a dossier with a file per required document and lands on it', async ({ page }) => {
  await login(page, 'cd.nguyenvanan', DEMO_PASSWORD);
  await page.goto('/eservices/submit?procedure=I.01');
  await page.getByTestId('submit-unit').locator('input').fill('02CI');
  const docs = page.locator('[data-testid^="document-"]');
  await expect(docs.first()).toBeVisible();
  for (let i = 0; i < (await docs.count()); i++) {
    await docs.nth(i).locator('input[type=file]').first().setInputFiles({ name: `tep-${i}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`Nội dung ${i}`) });
  }
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page).toHaveURL(/\/eservices\/dossiers\/\d+$/);
  await expect(page.getByText('Đã tiếp nhận').first()).toBeVisible();
  await expect(page.getByText(/còn \d+ ngày \d+ giờ/)).toBeVisible();
});

test('an officer claims a received dossier from its page', async ({ page }) => {
  await claimFirstReceived(page);
  await expect(page.getByText('Đang xử lý').first()).toBeVisible();
  await expect(page.getByTestId('action-propose')).toBeVisible();
});
