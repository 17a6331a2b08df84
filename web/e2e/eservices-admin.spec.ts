import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, login, logout, pickUnit } from './helpers';

// The settings pages (General Department, unit administrator), the applicant's online payment through the
// sandbox gateway, and the helpdesk, on `haiquan demo` data.

test('the General Department sets a procedure; the unit administrator sets its assignment', async ({ page }) => {
  test.setTimeout(300_000);
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/eservices/admin/procedures?q=I.14');
  await page.getByTestId('settings-I.14').click();
  await page.locator('.ant-modal input#processing_days').fill('3');
  await page.getByTestId('settings-ok').click();
  await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
  await expect(page.getByTestId('procedure-settings').getByRole('row', { name: /I\.14/ }).getByRole('cell', { name: '3', exact: true })).toBeVisible();
  await logout(page);

  await login(page, '02ci_qt', DEMO_PASSWORD);
  await page.goto('/eservices/admin/assignment');
  await pickUnit(page, 'assignment-unit', '02CI');
  await page.getByTestId('assignment-procedure').click();
  await page.keyboard.type('I.14');
  await page.locator('.ant-select-item-option', { hasText: 'I.14 — ' }).first().click();
  await page.getByTestId('assignment-mode').getByText(/^4\./).click();
  await page.getByTestId('assignment-officers').locator('input').fill('02ci.dvc.canbo');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape'); // close the tags dropdown over the button
  await page.getByTestId('assignment-save').click();
  await expect(page.getByText('Đã lưu')).toBeVisible();
  await page.reload();
  await pickUnit(page, 'assignment-unit', '02CI');
  await page.getByTestId('assignment-procedure').click();
  await page.keyboard.type('I.14');
  await page.locator('.ant-select-item-option', { hasText: 'I.14 — ' }).first().click();
  await expect(page.getByTestId('assignment-mode').locator('.ant-radio-wrapper-checked')).toContainText('4.');
});

test('an enterprise pays a fee online through the sandbox gateway', async ({ page }) => {
  await login(page, 'dn.thepvietsai', DEMO_PASSWORD);
  await page.goto('/eservices/dossiers?status=FEE_DUE');
  await page.getByTestId('my-dossiers').locator('tbody tr.ant-table-row').first().getByRole('link').first().click();
  await page.getByTestId('to-payment').click();
  await expect(page.getByTestId('payment-amount')).toContainText('200');
  await page.getByTestId('pay-online').click();
  await expect(page).toHaveURL(/\/dvc\/sandbox-gateway\?order_id=/);
  await expect(page.getByText('Cổng thanh toán THỬ NGHIỆM (sandbox)')).toBeVisible();
  await page.getByTestId('sandbox-confirm').click();
  await expect(page).toHaveURL(/\/eservices\/dossiers\/\d+$/);
  await expect(page.getByText('Đã nộp phí').first()).toBeVisible();
});

test('an enterprise asks the helpdesk and the unit helpdesk answers', async ({ page }) => {
  const subject = `Hỏi về chữ ký số ${Date.now()}`;
  await login(page, 'dn.thepvietsai', DEMO_PASSWORD);
  await page.goto('/eservices/helpdesk');
  await page.getByTestId('help-ask').click();
  await page.locator('.ant-modal input#unit_code').fill('02CI');
  await page.locator('.ant-modal input#subject').fill(subject);
  await page.locator('.ant-modal textarea#body').fill('Chứng thư số mới cần đăng ký lại không?');
  await page.getByTestId('help-ask-ok').click();
  await expect(page.getByTestId('help-requests').getByText(subject)).toBeVisible();
  await logout(page);

  await login(page, '02ci.dvc.hotro', DEMO_PASSWORD);
  await page.goto('/eservices/helpdesk?status=OPEN');
  const row = page.getByTestId('help-requests').getByRole('row', { name: new RegExp(subject) });
  await row.getByRole('button', { name: 'Trả lời' }).click();
  await page.locator('.ant-modal textarea').fill('Có: đăng ký chứng thư mới trên trang Chứng thư số trước khi ký hồ sơ.');
  await page.getByTestId('help-handle-ok').click();
  await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
  await logout(page);

  await login(page, 'dn.thepvietsai', DEMO_PASSWORD);
  await page.goto('/eservices/helpdesk');
  const mine = page.getByTestId('help-requests').getByRole('row', { name: new RegExp(subject) });
  await expect(mine.getByText('Đã trả lời')).toBeVisible();
  await expect(mine.getByText(/đăng ký chứng thư mới/)).toBeVisible();
});
