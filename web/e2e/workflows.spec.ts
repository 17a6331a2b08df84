import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, fillLogin, login, logout } from './helpers';

const stamp = () => Date.now().toString(36);

async function closeSecret(page: Page): Promise<{ username: string; password: string }> {
  const password = (await page.getByTestId('secret-password').locator('code').innerText()).trim();
  const username = (await page.getByTestId('secret-username').innerText()).trim();
  await page.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  return { username, password };
}

test('a Chi cục administrator creates a subordinate unit; a duplicate code is refused beside the field', async ({ page }) => {
  const code = ('E' + stamp().slice(-5)).toUpperCase();
  await login(page, '02ci_qt', DEMO_PASSWORD);
  await page.goto('/units?unit=02CI');
  await page.getByTestId('unit-create-child').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('#unit_code').fill(code.toLowerCase()); // upper-cased as typed
  await expect(dialog.locator('#unit_code')).toHaveValue(code);
  await dialog.locator('#unit_name').fill('Đội Kiểm thử tự động');
  await dialog.getByRole('button', { name: 'Tạo mới' }).click();
  await expect(page.getByTestId('secret-password')).toBeVisible();
  const admin = await closeSecret(page);
  expect(admin.username).not.toBe('');
  expect(admin.password.length).toBeGreaterThanOrEqual(10);
  await expect(page.getByTestId('unit-tree').getByTestId(`unit-node-${code}`)).toBeVisible();

  await page.goto('/units?unit=02CI');
  await page.getByTestId('unit-create-child').click();
  await dialog.locator('#unit_code').fill(code);
  await dialog.locator('#unit_name').fill('Trùng mã');
  await dialog.getByRole('button', { name: 'Tạo mới' }).click();
  // The server's message sits under the code field (details.field = "code").
  await expect(dialog.locator('.ant-form-item', { has: page.locator('#unit_code') }).locator('.ant-form-item-explain-error')).not.toBeEmpty();
});

test('account request (form 01): proposed, approved by the unit leader, applied with a temporary password', async ({ page }) => {
  const username = `yc.${stamp()}`;
  await login(page, '02ci_qt', DEMO_PASSWORD);
  await page.goto('/account-requests');
  await page.getByRole('button', { name: 'Lập đề nghị' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('#username').fill(username);
  await dialog.locator('#full_name').fill('Lý Thị Đề Nghị');
  await dialog.locator('#roles').click();
  await page.locator('.ant-select-item-option', { hasText: '(audit.officer)' }).click();
  await dialog.locator('.ant-modal-title').click();
  await dialog.locator('#reason').fill('Công chức mới được điều động về Chi cục');
  await dialog.getByRole('button', { name: 'Tạo mới' }).click();
  await expect(dialog).toBeHidden();
  const row = page.locator('tr.ant-table-row', { hasText: username });
  await expect(row).toContainText('Chờ phê duyệt');
  // The next user opens the requests and presses `action` on the row, then again in its dialog.
  const act = async (user: string, action: string, dialog: Locator) => {
    await logout(page);
    await login(page, user, DEMO_PASSWORD);
    await page.goto('/account-requests');
    await row.getByRole('button', { name: action }).click();
    await dialog.getByRole('button', { name: action }).click();
  };
  await act('02ci.truong', 'Phê duyệt', page.getByRole('dialog'));
  await expect(row).toContainText('Đã phê duyệt');
  await act('02ci_qt', 'Thực hiện', page.locator('.ant-modal-confirm'));
  await expect(page.getByTestId('secret-password')).toBeVisible();
  const created = await closeSecret(page);
  expect(created.username).toBe(username);
  await expect(row).toContainText('Đã thực hiện');
});

test('calendar: an administrator adds and removes an adjustment; the deadline calculator skips Tết', async ({ page }) => {
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/calendar?year=2027');
  const card = page.locator('.ant-card', { hasText: 'Điều chỉnh lịch năm 2027' });
  await card.locator('.ant-picker input').click();
  await card.locator('.ant-picker input').fill('15/03/2027');
  await card.locator('.ant-picker input').press('Enter');
  await card.getByPlaceholder('Ví dụ: Nghỉ bù Tết Nguyên đán').fill('Nghỉ kiểm thử');
  await card.getByRole('button', { name: 'Thêm điều chỉnh' }).click();
  const adj = card.locator('tr.ant-table-row', { hasText: '15/03/2027' });
  await expect(adj).toContainText('Nghỉ kiểm thử');
  await expect(page.getByTestId('mini-month-3').locator('td.hq-day--off')).toHaveCount(1);
  await adj.getByRole('button', { name: 'Xóa' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Xóa' }).click();
  await expect(adj).toHaveCount(0);

  await page.goto('/calendar?year=2026');
  const calc = page.locator('.ant-card', { hasText: 'Tính hạn theo ngày làm việc' });
  const from = calc.locator('.ant-picker input');
  await from.click();
  await from.fill('13/02/2026 10:00');
  await from.press('Enter');
  await calc.locator('.ant-input-number input').fill('3');
  await calc.getByRole('button', { name: 'Tính' }).click();
  // Friday 13/02 + 3 working days, with Tết 16–20/02 off, is Wednesday 25/02.
  await expect(page.getByTestId('calc-result')).toContainText('25/02/2026');
});

test('processing history of an account opens in a drawer', async ({ page }) => {
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/accounts?q=02ci.canbo');
  const row = page.locator('tr[data-row-key="02ci.canbo"]');
  await row.getByRole('button', { name: 'Thao tác' }).click();
  await page.locator('.ant-dropdown').getByRole('menuitem', { name: 'Lịch sử xử lý' }).click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer).toContainText('02ci.canbo');
  await expect(drawer.getByTestId('history-entry').first()).toBeVisible();
});

test('repeated wrong passwords lock the account with the server’s message', async ({ page }) => {
  await page.goto('/login');
  const error = page.getByTestId('login-error');
  for (let i = 0; i < 10; i++) {
    // An account no other browser test signs in with: the lock lasts 15 minutes.
    await fillLogin(page, 'ktstq.lanhdao', `sai-mat-khau-${i}`, true);
    await expect(error).toBeVisible();
    if ((await error.innerText()).includes('khóa')) break;
  }
  await expect(error).toContainText('khóa');
  await fillLogin(page, 'ktstq.lanhdao', DEMO_PASSWORD, true);
  await expect(error).toContainText('khóa');
});
