// The agencies' part of a study: the list the customs send to the ministries (analyst), the agency users of the
// demo study, and an agency user (bvtv.trs, Cục Bảo vệ thực vật) entering its times for one declaration and
// importing a file with bad cells (refused, every bad cell listed).
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, login, logout } from './helpers';

// The lists are computed over the demo study's 2 000 records: give a loaded machine time.
const expect = baseExpect.configure({ timeout: 60_000 });

async function demoStudyId(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/trs/studies');
  expect(res.ok()).toBeTruthy();
  const items = (await res.json()).items as Array<{ id: number; name: string }>;
  const demo = items.find((s) => s.name.includes('dữ liệu mẫu'));
  expect(demo, 'the demo study').toBeTruthy();
  return demo!.id;
}

/** Gives the test time (lists over 2 000 records), logs the analyst in and returns the demo study's id. */
async function analystOnDemoStudy(page: Page): Promise<number> {
  test.setTimeout(300_000);
  await login(page, 'trs.phantich', DEMO_PASSWORD);
  return demoStudyId(page);
}

async function typeTime(page: Page, id: string, text: string): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue(text);
}

test('the analyst sees the list per agency and the agency users; an agency user enters and imports its times', async ({ page }) => {
  const id = await analystOnDemoStudy(page);

  // The list sent to the ministries, filtered to one agency.
  await page.goto(`/trs/studies/${id}/agencies`);
  const list = page.locator('.ant-table-tbody');
  await expect(list.locator('tr.ant-table-row').first()).toBeVisible();
  await page.getByTestId('trs-agencies-filter').click();
  await page.locator('.ant-select-item-option', { hasText: 'Cục Bảo vệ thực vật' }).first().click();
  await expect(list.locator('tr.ant-table-row').first()).toContainText('Cục Bảo vệ thực vật');
  await expect(page.getByTestId('trs-agencies-xlsx')).toBeVisible();

  // The agency users of the demo study.
  await page.goto('/trs/agency-work');
  await page.getByTestId('trs-agency-study').click();
  await page.locator('.ant-select-item-option', { hasText: 'dữ liệu mẫu' }).first().click();
  await expect(page.locator('.ant-table-tbody')).toContainText('bvtv.trs');
  await logout(page);

  // The agency user: its study, its list, one declaration's times.
  await login(page, 'bvtv.trs', DEMO_PASSWORD);
  await page.goto('/trs/agency-work');
  await page.getByTestId(`trs-my-agency-${id}-BVTV`).click();
  await expect(page).toHaveURL(new RegExp(`/trs/studies/${id}/agencies/BVTV`));
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await page.getByTestId('trs-agency-missing').click();  // only those not returned yet
  await expect(rows.first()).toContainText('Chưa trả');
  const number = (await rows.first().locator('td').first().innerText()).trim();
  await rows.first().getByRole('button').click();
  await typeTime(page, 'registered_at', '17/06/2025 08:30');
  await typeTime(page, 'sampling_at', '17/06/2025 10:00');
  await typeTime(page, 'result_at', '18/06/2025 09:00');
  await typeTime(page, 'handed_over_at', '18/06/2025 11:00');
  await page.getByTestId('trs-agency-result-no').fill('KQ-E2E-1');
  await page.getByTestId('trs-agency-save').click();
  await expect(page.locator('.ant-modal')).toHaveCount(0);
  await page.getByTestId('trs-agency-missing').click();  // all rows again
  await page.getByTestId('trs-agency-search').locator('input').fill(number);
  await page.getByTestId('trs-agency-search').locator('input').press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Đã trả');
  await expect(rows.first()).toContainText('11:00 18/06/2025');

  // A file with a bad time and a declaration not on the list: nothing imported, both cells named.
  const csv = `declaration_no,registered_at,result_at\n${number},17.06.2025 8h,\n999999999990,2025-06-17 08:00,\n`;
  await page.locator('input[type=file]').setInputFiles({ name: 'tra-ve.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const bad = page.getByTestId('trs-agency-import-result');
  await expect(bad).toContainText('registered_at');
  await expect(bad).toContainText('declaration_no');
  await expect(page.getByTestId('trs-agency-import-result')).toContainText('chưa dòng nào được nhập');
});

test('the report lists every agency, the border guard among them, with shares of the release time of at most 100 %', async ({ page }) => {
  const id = await analystOnDemoStudy(page);
  await page.goto(`/trs/studies/${id}/report`);
  const agencies = page.getByTestId('trs-agencies');
  await expect(agencies).toContainText('Bộ đội Biên phòng (Cục Cửa khẩu)');
  await expect(agencies).toContainText('Bộ Quốc phòng');
  await expect(agencies).toContainText('Cục Bảo vệ thực vật');
  // The demo data showed 157 %: an agency's share counts only its time inside the release interval.
  const shares = (await agencies.locator('td').allInnerTexts()).filter((t) => /^\d+(\.\d+)? %$/.test(t.trim()));
  expect(shares.length).toBeGreaterThan(0);
  for (const s of shares) expect(parseFloat(s), s).toBeLessThanOrEqual(100);
  await logout(page);
});
