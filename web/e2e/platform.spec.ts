import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, fillLogin, login, logout, pickUnit } from './helpers';

test('admin creates an account in 02CI; the new user must change the password, then lands home', async ({ page }) => {
  const username = `e2e.${Date.now().toString(36)}`;
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.locator('.hq-menu').getByRole('link', { name: 'Tài khoản', exact: true }).click();
  await expect(page).toHaveURL(/\/accounts/);
  await expect(page.getByRole('heading', { name: 'Tài khoản người sử dụng' })).toBeVisible();

  await page.getByTestId('account-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('#acc_username').fill(username);
  await dialog.locator('#acc_full_name').fill('Nguyễn Thị Kiểm Thử');
  await pickUnit(page, 'acc_unit', '02CI');
  await expect(dialog.getByTestId('acc-unit')).toContainText('02CI — ');
  await dialog.locator('#acc_roles').click();
  await page.locator('.ant-select-item-option', { hasText: '(audit.officer)' }).click();
  await expect(dialog.getByTestId('acc-roles').locator('.ant-select-selection-item')).toHaveCount(1);
  await dialog.locator('.ant-modal-title').click();
  await dialog.getByTestId('account-form-ok').click();

  const secret = page.getByTestId('secret-password').locator('code');
  await expect(secret).toBeVisible();
  const temporary = (await secret.innerText()).trim();
  expect(temporary.length).toBeGreaterThanOrEqual(10);
  await expect(page.getByTestId('secret-username')).toContainText(username);
  await page.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  // The table shows the new account, in 02CI, waiting for its first password change.
  await page.getByTestId('account-search').locator('input').fill(username);
  await page.getByTestId('account-search').locator('input').press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${username}`));
  await expect(page.locator('tr[data-row-key]')).toHaveCount(1);
  const row = page.locator(`tr[data-row-key="${username}"]`);
  await expect(row).toContainText('02CI');
  await expect(row).toContainText('Chờ đổi mật khẩu');

  await logout(page);
  await fillLogin(page, username, temporary);
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByText('Bạn cần đổi mật khẩu trước khi sử dụng hệ thống.')).toBeVisible();
  await expect(page.getByTestId('password-rules')).toContainText('ít nhất 10 ký tự');

  const fresh = `Hq-${Date.now().toString(36)}-Xanh!`;
  await page.locator('#old_password').fill(temporary);
  await page.locator('#new_password').fill(fresh);
  await page.locator('#confirm').fill(fresh);
  await page.getByTestId('password-submit').click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('home-unit')).toContainText('02CI');
  await expect(page.getByTestId('home-unit')).toContainText('Sài Gòn');
  await expect(page.getByTestId('unit-card')).toContainText('02CI');
});

test('a wrong password shows the server’s Vietnamese error', async ({ page }) => {
  await fillLogin(page, '02ci.canbo', 'mat-khau-sai-2026');
  const error = page.getByTestId('login-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('không đúng');
  await expect(page).toHaveURL(/\/login/);
});

test('the English switch changes the labels and persists', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Đăng nhập hệ thống' })).toBeVisible();
  await page.getByTestId('lang-switch').getByText('EN').click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Username')).toBeVisible();

  await page.locator('#username').fill('02_qt');
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.locator('.hq-menu').getByRole('link', { name: 'Accounts', exact: true })).toBeVisible();
  await expect(page.locator('.hq-menu').getByRole('link', { name: 'Working calendar' })).toBeVisible();
  await page.reload();
  await expect(page.locator('.hq-menu').getByRole('link', { name: 'Units', exact: true })).toBeVisible();

  await page.getByTestId('lang-switch').getByText('VI').click();
  await expect(page.locator('.hq-menu').getByRole('link', { name: 'Đơn vị', exact: true })).toBeVisible();
});

test('the calendar shows the Tết holidays of 2026', async ({ page }) => {
  await login(page, 'ktstq.canbo', DEMO_PASSWORD);
  await page.goto('/calendar?year=2026');
  const list = page.getByTestId('holiday-list');
  await expect(list).toContainText('Tết Nguyên đán');
  await expect(list).toContainText('17/02/2026');
  await expect(page.getByTestId('mini-month-2').locator('td.hq-day--holiday')).not.toHaveCount(0);

  await page.getByTestId('mini-month-2').getByRole('button').click();
  await expect(page.locator('.ant-picker-calendar')).toContainText('Tết Nguyên đán');
});

test('a Cục administrator sees only the subtree of Cục 02', async ({ page }) => {
  await login(page, '02_qt', DEMO_PASSWORD);
  await page.goto('/units');
  const tree = page.getByTestId('unit-tree');
  for (const code of ['02', '02CI', '02CI01', '02B1']) await expect(tree.getByTestId(`unit-node-${code}`)).toBeVisible();
  for (const code of ['00', '01', '01B1', '03', '03CC', 'KTSTQ']) await expect(tree.getByTestId(`unit-node-${code}`)).toHaveCount(0);
});

test('an unknown page shows the 404 page; a signed-out visit goes to the login page', async ({ page }) => {
  await page.goto('/accounts');
  await expect(page).toHaveURL(/\/login\?next=%2Faccounts/);
  await login(page, '02ci_qt', DEMO_PASSWORD, true);
  await expect(page).toHaveURL(/\/accounts$/);
  await page.goto('/khong-co-trang-nay');
  await expect(page.getByText('Không tìm thấy trang')).toBeVisible();
});

test('the user guide opens from the login page and from the header of every page, in Vietnamese then English', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('guide-link').click();
  await expect(page).toHaveURL(/\/guide$/);
  await expect(page.getByRole('heading', { name: 'Hướng dẫn sử dụng' })).toBeVisible();
  await expect(page.locator('#guide-audit')).toContainText('Kiểm tra sau thông quan (STQ02)');
  await page.getByTestId('lang-switch').getByText('EN').click();
  await expect(page.getByRole('heading', { name: 'User guide' })).toBeVisible();
  await expect(page.locator('#guide-eservices')).toContainText('Online public services (HQ36a)');
  await page.getByTestId('lang-switch').getByText('VI').click();

  await login(page, '02ci.canbo', DEMO_PASSWORD);
  await page.goto('/audit/enterprises');
  await page.locator('.hq-header').getByTestId('guide-link').click();
  await expect(page.getByRole('heading', { name: 'Hướng dẫn sử dụng' })).toBeVisible();
  await page.locator('#guide-audit').getByRole('link', { name: 'Mở trang' }).click();
  await expect(page).toHaveURL(/\/audit\/guide/);
});
