// Audit seed rules, second part (issue 13 §3), in the browser: a list exports to a real .xlsx workbook with the
// page's filters, and the demo's concluded proposal prints on A4 in the official layout (proposal, decision,
// conclusion) with the unit's header; the enterprise's form 01/KTSTQ likewise.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers';

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
