import { expect, type Page } from '@playwright/test';

/** Password of every demo account (`haiquan demo`). */
export const DEMO_PASSWORD = process.env.HAIQUAN_DEMO_PASSWORD ?? 'Demo@2026haiquan';
/** Password given to `haiquan init --admin-password`; `demo` does not change the admin's password. */
export const ADMIN_PASSWORD = process.env.HAIQUAN_ADMIN_PASSWORD ?? 'Quan-tri-2026!';

/** Fills the login form; `stay` keeps the current login page (and its ?next=). */
export async function fillLogin(page: Page, username: string, password: string, stay = false): Promise<void> {
  if (!stay) await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in and waits for the signed-in shell (or the forced password page). */
export async function login(page: Page, username: string, password: string, stay = false): Promise<void> {
  await fillLogin(page, username, password, stay);
  await expect(page.locator('.hq-shell, .hq-login [data-testid="password-rules"]').first()).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login/);
}

/** Picks an option of an antd TreeSelect by typing and clicking the node whose title starts with `code — `. */
export async function pickUnit(page: Page, selectId: string, code: string): Promise<void> {
  const input = page.locator(`#${selectId}`);
  const chosen = page.locator('.ant-select', { has: input }).last(); // its text is the selected unit's label
  // The tree is filtered as the code is typed and re-rendered when the matching units arrive: a click that lands
  // while it is redrawn can pick the node that was under the pointer (seen once: "00" instead of "02CI"). Pick
  // again until the select shows the unit asked for.
  await expect(async () => {
    await input.click();
    await input.fill(code);
    await page.locator('.ant-select-tree-title', { hasText: `${code} — ` }).first().click({ timeout: 5_000 });
    await expect(chosen).toContainText(`${code} — `, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Logs `leader` in and approves the item numbered `number` from the approval queue ("Việc chờ phê duyệt"). */
export async function approveFromQueue(page: Page, leader: string, number: string): Promise<void> {
  await login(page, leader, DEMO_PASSWORD);
  await page.locator('.hq-menu').getByRole('link', { name: 'Việc chờ phê duyệt' }).click();
  const item = page.locator(`[data-testid="queue-item"][data-number="${number}"]`);
  await expect(item).toBeVisible();
  await item.getByTestId('queue-approve').click();
  await page.getByTestId('reason-ok').click();
  await expect(item).toBeHidden();
}

/** The e-services officer 02ci.dvc.canbo claims the first received dossier of the inbox, from its page. */
export async function claimFirstReceived(page: Page): Promise<void> {
  await login(page, '02ci.dvc.canbo', DEMO_PASSWORD);
  await page.goto('/eservices/inbox?status=RECEIVED');
  await page.getByTestId('inbox').locator('tbody tr.ant-table-row').first().getByRole('link').first().click();
  await page.getByTestId('action-claim').click();
  await page.getByTestId('action-ok').click();
}
