// STQ01 carry-over (issue 13 §3; seed 000, letter 7301): a Cục's unit administrator downloads the template,
// uploads a file with a bad cell (named by line and column), then a good one; the record shows in the proposals
// list with its STQ01 tag for the unit's officer.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login, logout } from './helpers';

const HEADER = 'Số STQ01;Loại;Mã số thuế;Tên doanh nghiệp;Đơn vị;Ngày lập;Trạng thái;Nơi kiểm tra;Kỳ kiểm tra từ;Kỳ kiểm tra đến;Căn cứ, nội dung;Người lập\n';
const TAX = '0100109106';

const csv = (tax: string) =>
  HEADER + `E2E-77/ĐXKT-02CI;Đề xuất kiểm tra;${tax};Công ty E2E STQ01;02CI;15/01/2026;chờ phê duyệt;trụ sở người khai hải quan;2024-01-01;2024-12-31;Dấu hiệu vi phạm;stq01\n`;

test('a unit administrator imports STQ01 proposals and the officer sees them tagged', async ({ page }) => {
  await login(page, '02_qt', DEMO_PASSWORD);
  await page.goto('/audit/stq01');
  await expect(page.getByText('Cấu trúc tệp')).toBeVisible();
  // The layout is the server's (GET /audit/stq01/columns): its 12 columns, place and period marked for proposals.
  const layout = page.locator('.ant-card', { hasText: 'Cấu trúc tệp' });
  await expect(layout.locator('tbody tr')).toHaveCount(12);
  await expect(layout.locator('tr', { hasText: 'Nơi kiểm tra' })).toContainText('Với đề xuất kiểm tra');
  await expect(layout.locator('tr', { hasText: 'Số STQ01' })).toContainText('Bắt buộc');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('stq01-template').click();
  expect((await downloading).suggestedFilename()).toBe('mau-nhap-stq01.xlsx');

  // A bad tax code: refused, the cell named by its line and column heading.
  await page.getByTestId('stq01-import').click();
  const input = page.locator('.ant-modal input[type=file]');
  await input.setInputFiles({ name: 'stq01-sai.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('0100109107')) });
  await page.getByTestId('import-run').click();
  const modal = page.locator('.ant-modal');
  await expect(modal.locator('tr', { hasText: 'Mã số thuế' })).toContainText('2');
  // The corrected file goes in.
  await input.setInputFiles({ name: 'stq01.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(TAX)) });
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-result')).toContainText(/Đã nhập: \d+ hồ sơ mới, \d+ hồ sơ đã có được cập nhật/);
  await modal.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
  await expect(modal).toBeHidden();
  await logout(page);

  await login(page, '02ci.canbo', DEMO_PASSWORD);
  await page.goto('/audit/proposals');
  const search = page.getByPlaceholder('Tìm theo mã số thuế hoặc tên doanh nghiệp');
  await search.fill(TAX);
  await search.press('Enter');
  const row = page.locator('tr', { hasText: 'STQ01-E2E-77/ĐXKT-02CI' });
  await expect(row.getByTestId('stq01-tag')).toBeVisible();
});
