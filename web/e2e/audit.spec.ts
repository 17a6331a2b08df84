// Post-clearance audit, end to end: an officer of 02CI adds an enterprise (fresh valid tax code), searches it and
// proposes an audit; the 02CI leader approves it; the officer enters the original decision and the conclusion with
// amounts and the leader approves both;
// form 19 for 02CI then shows the audit and the amounts, and the .xlsx export is a real workbook.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { approveFromQueue, DEMO_PASSWORD, login, logout } from './helpers';
import { makeTaxCode } from '../src/pages/audit/taxCode';

const IMPORT_TAX = 123_456_789;
const VAT = 12_345_000;
const COLLECTED = 50_000_000;

/** vi-VN grouping: 123.456.789 */
function vnd(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

async function form19Totals(page: Page): Promise<Record<string, number>> {
  const res = await page.request.get('/api/v1/audit/reports/form19?unit=02CI');
  expect(res.ok()).toBeTruthy();
  return (await res.json()).total as Record<string, number>;
}

test('02CI: search, propose, approve, decision, conclusion, then form 19 and its .xlsx', async ({ page }) => {
  test.slow(); // a whole workflow across four accounts: three times the default time
  const taxCode = makeTaxCode(Date.now() % 1_000_000_000);
  const name = `Công ty TNHH Kiểm Thử Hậu Kiểm ${taxCode.slice(-4)}`;

  // --- officer: add the enterprise (the tax code is checked while typing) ---
  await login(page, '02ci.canbo', DEMO_PASSWORD);
  const before = await form19Totals(page);
  await page.locator('.hq-menu').getByRole('link', { name: 'Danh bạ doanh nghiệp' }).click();
  await expect(page.getByRole('heading', { name: 'Danh bạ doanh nghiệp' })).toBeVisible();
  await page.getByTestId('enterprise-create').click();
  const dialog = page.getByRole('dialog');
  const wrong = taxCode.slice(0, 9) + String((Number(taxCode[9]) + 1) % 10);
  await dialog.locator('#ent_tax_code').fill(wrong);
  await expect(dialog.getByText('chữ số kiểm tra (chữ số thứ 10) không đúng')).toBeVisible();
  await dialog.locator('#ent_tax_code').fill(taxCode);
  await expect(dialog.getByText('chữ số kiểm tra (chữ số thứ 10) không đúng')).toBeHidden();
  await dialog.locator('#ent_name').fill(name);
  await dialog.locator('#ent_address').fill('Số 1 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh');
  await dialog.getByTestId('enterprise-form-ok').click();
  await expect(page).toHaveURL(new RegExp(`/audit/enterprises/${taxCode}$`));
  await expect(page.getByTestId('record-title')).toContainText(name);

  // The directory finds it by name without diacritics.
  await page.goto('/audit/enterprises');
  await page.getByTestId('enterprise-search').locator('input').fill(`kiem thu hau kiem ${taxCode.slice(-4)}`);
  await page.getByTestId('enterprise-search').locator('input').press('Enter');
  await expect(page.locator(`tr[data-row-key="${taxCode}"]`)).toBeVisible();

  // --- officer: search first, then propose ---
  await page.locator('.hq-menu').getByRole('link', { name: 'Đề xuất kiểm tra' }).click();
  await page.getByTestId('proposal-new').click();
  await expect(page).toHaveURL(/\/audit\/proposals\/new/);
  await page.locator('#search_tax_code').fill(taxCode);
  await page.getByTestId('search-run').click();
  const result = page.getByTestId('search-result');
  await expect(result).toContainText(name);
  await expect(result).toContainText('Chưa có đề xuất kiểm tra');
  await page.getByTestId('prop-grounds').getByText('Có dấu hiệu vi phạm').click();
  await page.getByTestId('proposal-submit').click();
  await expect(page.getByTestId('proposal-created')).toContainText('Đã lập đề xuất');
  const number = ((await page.getByTestId('proposal-created').innerText()).match(/\S+ĐXKT-02CI/) ?? [''])[0];
  expect(number).not.toBe('');
  await page.getByTestId('proposal-open').click();
  await expect(page).toHaveURL(/\/audit\/proposals\/\d+$/);
  const proposalUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('proposal-title')).toContainText(number);
  await expect(page.locator('[data-status="SUBMITTED"]').first()).toBeVisible();
  await logout(page);

  // --- leader: approve from the queue (oldest first) ---
  await approveFromQueue(page, '02ci.lanhdao', number);

  // --- officer: original decision, then the conclusion with amounts (a leader approves both) ---
  await logout(page);
  await login(page, '02ci.canbo', DEMO_PASSWORD);
  await page.goto(proposalUrl);
  await expect(page.locator('[data-status="APPROVED"]').first()).toBeVisible();
  await page.getByTestId('decision-add').click();
  const dec = page.getByRole('dialog');
  await dec.locator('#dec_number').fill(`${taxCode.slice(-4)}/QĐ-02CI`);
  await expect(dec.locator('#dec_working_days')).toHaveValue('10');
  await dec.getByTestId('decision-ok').click();
  await expect(page.getByTestId('decisions')).toContainText(`${taxCode.slice(-4)}/QĐ-02CI`);
  await expect(page.getByTestId('decisions')).toContainText('Đúng hạn');

  await page.getByTestId('conclusion-add').click();
  const con = page.getByRole('dialog');
  await con.locator('#con_number').fill(`${taxCode.slice(-4)}/KL-02CI`);
  await con.locator('#con_declarations').fill('12');
  await con.locator('#con_import_tax').fill(String(IMPORT_TAX));
  await con.locator('#con_vat').fill(String(VAT));
  await con.locator('#con_collected').fill(String(COLLECTED));
  await expect(con.getByTestId('con-total')).toContainText(vnd(IMPORT_TAX + VAT));
  await con.getByTestId('conclusion-ok').click();
  const amounts = page.getByTestId('conclusion-amounts');
  await expect(amounts.locator('[data-amount="import_tax"]')).toHaveText(`${vnd(IMPORT_TAX)} đ`);
  await expect(amounts.locator('[data-amount="total"]')).toHaveText(`${vnd(IMPORT_TAX + VAT)} đ`);
  await expect(amounts.locator('[data-amount="outstanding"]')).toHaveText(`${vnd(IMPORT_TAX + VAT - COLLECTED)} đ`);
  await expect(page.getByTestId('decision-approve')).toHaveCount(0);  // officers do not approve

  // --- leader: approves the decision and the conclusion (forms 19/20 count approved ones only) ---
  await logout(page);
  await login(page, '02ci.lanhdao', DEMO_PASSWORD);
  await page.goto(proposalUrl);
  await page.getByTestId('decision-approve').click();
  await expect(page.getByTestId('decision-status').locator('[data-status="APPROVED"]')).toBeVisible();
  await page.getByTestId('conclusion-approve').click();
  await expect(page.getByTestId('conclusion-approve')).toBeHidden();

  // --- form 19 for 02CI over this year: the audit and the amounts ---
  await page.locator('.hq-menu').getByRole('link', { name: 'Báo cáo Mẫu 19', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Mẫu 19/ })).toBeVisible();
  await expect(page.getByTestId('report-unit')).toContainText('02CI');
  const total = (col: string) => page.locator(`[data-col="${col}"][data-unit="TOTAL"]`);
  await expect(total('audits')).toHaveText(vnd((before.audits ?? 0) + 1));
  await expect(total('audits_premises')).toHaveText(vnd((before.audits_premises ?? 0) + 1));
  await expect(total('import_tax')).toHaveText(vnd((before.import_tax ?? 0) + IMPORT_TAX));
  await expect(total('vat')).toHaveText(vnd((before.vat ?? 0) + VAT));
  await expect(total('collected')).toHaveText(vnd((before.collected ?? 0) + COLLECTED));
  await expect(page.locator('[data-col="import_tax"][data-unit="02CI"]')).toHaveText(vnd((before.import_tax ?? 0) + IMPORT_TAX));

  // --- the .xlsx export is a real workbook (zip signature "PK") ---
  const downloading = page.waitForEvent('download');
  await page.getByTestId('report-xlsx').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^mau19_02CI_.*\.xlsx$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
});

test('a proposal without a search is refused with SEARCH_REQUIRED; a key enterprise with KEY_ENTERPRISE', async ({ page }) => {
  await login(page, '02ci.canbo', DEMO_PASSWORD);
  // The search-first page is the only way the UI proposes; the API refuses a forged search id.
  const csrf = await page.evaluate(() => sessionStorage.getItem('hq.csrf'));
  const forged = await page.request.post('/api/v1/audit/proposals', {
    headers: { 'X-CSRF-Token': csrf ?? '' },
    data: { tax_code: '0100109106', place: 'OFFICE', grounds: 'RISK_MANAGEMENT', period_from: '2024-01-01', period_to: '2024-12-31', search_id: 'khong-hop-le' },
  });
  expect(forged.status()).toBe(409);
  expect((await forged.json()).error.code).toBe('SEARCH_REQUIRED');

  // Demo: 0101248141 is on this year's key-enterprise list.
  await page.goto('/audit/proposals/new?tax_code=0101248141');
  await expect(page.getByTestId('search-key')).toBeVisible();
  await page.getByTestId('prop-grounds').getByText('Theo quản lý rủi ro').click();
  await page.getByTestId('proposal-submit').click();
  await expect(page.getByTestId('proposal-refusal')).toContainText('danh sách trọng điểm');
});
