// Audit seed rules, second part (issue 13 §3), in the browser: a list exports to a real .xlsx workbook with the
// page's filters, and the demo's concluded proposal prints on A4 in the official layout (proposal, decision,
// conclusion) with the unit's header; the enterprise's form 01/KTSTQ likewise.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, login, logout } from './helpers';

test('02CI: proposals export to .xlsx; proposal, decision, conclusion and form 01 print on A4', async ({ page }) => {
  test.slow();
  await login(page, '02ci.canbo', DEMO_PASSWORD);
  await page.goto('/audit/proposals?status=APPROVED');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-proposals').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^de-xuat-kiem-tra_.*\.xlsx$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // The demo's concluded audit (decision 125/QĐ-02CI, conclusion 88/KL-02CI).
  const res = await page.request.get('/api/v1/audit/proposals?status=APPROVED&unit=02CI&page_size=50');
  const items = (await res.json()).items as Array<{ id: number }>;
  let concluded = 0;
  for (const p of items) {
    const d = await (await page.request.get(`/api/v1/audit/proposals/${p.id}`)).json();
    if (d.conclusion) concluded = p.id;
  }
  expect(concluded).toBeGreaterThan(0);
  await page.goto(`/audit/proposals/${concluded}`);
  await page.getByTestId('print-proposal').click();
  const sheet = page.getByTestId('print-proposal');
  await expect(sheet).toContainText('PHIẾU ĐỀ XUẤT KIỂM TRA SAU THÔNG QUAN');
  await expect(sheet).toContainText('CHI CỤC HẢI QUAN CỬA KHẨU CẢNG SÀI GÒN KHU VỰC I');
  await expect(sheet).toContainText('Độc lập - Tự do - Hạnh phúc');
  await page.goto(`/audit/print/decision/${concluded}`);
  await expect(page.getByTestId('print-decision')).toContainText('125/QĐ-02CI');
  await page.goto(`/audit/print/conclusion/${concluded}`);
  await expect(page.getByTestId('print-conclusion')).toContainText('KẾT LUẬN KIỂM TRA SAU THÔNG QUAN');
  await expect(page.getByTestId('print-conclusion')).toContainText('88/KL-02CI');
  // A4 portrait on paper.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.hq-header')).toBeHidden();
});

// Issue 13 §3 (third part): the demo's duplicate pair was submitted 30 days ago, so the audit department's later
// proposal has escalated to the General Department; its leader (here the platform administrator) lets it proceed,
// and 02CI, the earlier unit, reads the duplicate notice and the decision in its notices.
test('a blocked duplicate escalates to the unit above both units, which decides; the earlier unit is told', async ({ page }) => {
  test.slow();
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/audit/escalations');
  const row = page.getByTestId('escalations').locator('tr', { hasText: '0301447426' });
  await expect(row).toContainText('Chờ cấp trên quyết định');
  await row.getByRole('button').click();
  await page.getByTestId('decision-proceed').click();
  await page.locator('.ant-modal textarea').fill('Cục KTSTQ kiểm tra theo kế hoạch đánh giá tuân thủ');
  await page.getByTestId('escalation-decide-ok').click();
  await expect(row).toContainText('Cho phép xét duyệt');
  await logout(page);

  await login(page, '02ci.canbo', DEMO_PASSWORD);
  await page.goto('/audit/escalations');
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('Đề xuất trùng');
  await expect(notices).toContainText('Cấp trên đã quyết định');
  const unread = page.getByTestId('notices-unread');
  const before = Number((await unread.innerText()).replace(/\D/g, ''));
  await notices.locator('[data-testid^="notice-read-"]').first().click();
  await expect(unread).toContainText(String(before - 1));
});

// The reporting calendar: the audit department sets a form 19 period due today; 02CI's officer is reminded and
// confirms its reconciliation; the department sees 02CI reconciled, chases 02B1, and exports the status.
test('forms 19/20 calendar: reminder, reconciliation, the level above chases, export', async ({ page }) => {
  test.slow();
  const day = (offset: number) => {
    const d = new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000);  // Vietnam's date
    return d.toISOString().slice(0, 10);
  };
  await login(page, 'ktstq.lanhdao', DEMO_PASSWORD);
  const csrf = await page.evaluate(() => sessionStorage.getItem('hq.csrf'));
  const created = await page.request.post('/api/v1/audit/report-periods', {
    data: { form: 'form19', from: day(-23), to: day(-1), due_on: day(0) },
    headers: { 'X-CSRF-Token': csrf ?? '' },
  });
  expect(created.status()).toBe(201);
  const period = (await created.json()) as { id: number };
  await logout(page);

  await login(page, '02ci.canbo', DEMO_PASSWORD);
  await page.goto('/audit/report-calendar');
  await page.getByTestId(`reconcile-${period.id}`).click();
  await page.locator('.ant-modal textarea').fill('Đã đối chiếu với sổ theo dõi của Chi cục');
  await page.getByTestId('reconcile-ok').click();
  await expect(page.getByTestId(`remind-${period.id}`)).toHaveCount(0);
  await logout(page);

  await login(page, 'ktstq.lanhdao', DEMO_PASSWORD);
  await page.goto('/audit/report-calendar');
  const shown = (iso: string) => iso.split('-').reverse().join('/');  // DD/MM/YYYY
  await page.getByTestId('report-periods').locator('tr').filter({ hasText: shown(day(-23)) }).filter({ hasText: shown(day(0)) }).first().click();
  const units = page.getByTestId('period-units');
  await expect(units.locator('tr', { hasText: '02CI' }).first()).toContainText('Đã đối chiếu');
  await page.getByTestId('chase-02B1').click();
  await expect(page.locator('.ant-message')).toContainText('Đã nhắc đơn vị 02B1');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Excel/ }).last().click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^doi-chieu-bao-cao_.*\.xlsx$/);
});
