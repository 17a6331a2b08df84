import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers';

// A small wide CSV: imports and exports of 02CI in the week of 16/06/2025, all three channels.
function smallCsv(): string {
  const header =
    'flow,branch_code,route,declaration_no,arrival_at,registered_at,channel,doc_assigned_at,doc_check_start_at,' +
    'doc_check_end_at,inspect_assigned_at,direct_end_at,released_at,supervision_start_at,supervision_confirmed_at,delay_reasons';
  const rows: string[] = [];
  const channels = ['GREEN', 'YELLOW', 'RED'];
  for (let i = 0; i < 24; i++) {
    const day = 16 + (i % 6);
    const h = 7 + (i % 9);
    const ch = channels[i % 3];
    const nk = i % 2 === 0;
    const t = (hh: number, mm = 0) => `2025-06-${String(day + Math.floor(hh / 24)).padStart(2, '0')} ${String(hh % 24).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
    const doc = ch === 'GREEN' ? ',,' : `${t(h, 20)},${t(h, 45)},${t(h + 1, 30)}`;
    const insp = ch === 'RED' ? `${t(h + 2)},${t(h + 5, 10)}` : ',';
    const released = t(h + (ch === 'GREEN' ? 0 : ch === 'YELLOW' ? 2 : 6), 40 + (i % 15));
    rows.push(
      [nk ? 'NK' : 'XK', '02CI', 'SEA', `10${String(700000 + i).padStart(9, '0')}0`, nk ? t(0, 30) : '', t(h), ch, doc, insp, released,
        nk ? t(h + 7) : '', nk ? t(h + 8) : '', ch === 'RED' && i % 2 ? 'INSP_QUEUE' : ''].join(','),
    );
  }
  return `${header}\n${rows.join('\n')}\n`;
}

test('an analyst sets a study up, imports a CSV, reads the report with charts and exports it to Excel', async ({ page }) => {
  const name = `Đo thử e2e ${Date.now().toString(36)}`;
  await login(page, 'trs.phantich', DEMO_PASSWORD);
  await page.goto('/trs/studies');
  await page.getByRole('button', { name: 'Thiết lập cuộc đo' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tên cuộc đo').fill(name);
  const week = dialog.getByLabel('Tuần đo (thứ Hai – thứ Bảy)');
  await week.click();
  await week.fill('16/06/2025');
  await week.press('Enter');
  await dialog.getByPlaceholder('Mã chi cục').first().fill('02CI');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  const row = page.locator('tr', { hasText: name });
  await expect(row).toContainText('16/06/2025');
  await row.getByRole('link', { name: 'Nhập tệp' }).click();

  await expect(page).toHaveURL(/\/trs\/studies\/\d+\/import/);
  await page.locator('input[type=file]').first().setInputFiles({ name: 'do-thu.csv', mimeType: 'text/csv', buffer: Buffer.from(smallCsv()) });
  await page.getByTestId('trs-import-start').click();
  await expect(page.getByTestId('trs-import-result')).toContainText('Đã nhập 24 tờ khai');

  // A bad file lists its bad cells and stores nothing.
  await page.locator('input[type=file]').first().setInputFiles({
    name: 'loi.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('flow,branch_code,declaration_no,registered_at,channel\nNK,02CI,104000000010,31/02/2025 10:00,PURPLE\n'),
  });
  await page.getByTestId('trs-import-start').click();
  await expect(page.getByTestId('trs-import-error')).toBeVisible();
  await expect(page.getByTestId('trs-bad-cells')).toContainText('PURPLE');
  await expect(page.getByTestId('trs-bad-cells')).toContainText('registered_at');

  await page.locator('.trs-nav').getByText('Báo cáo').click();
  await expect(page).toHaveURL(/\/report$/);
  await expect(page.getByTestId('trs-report-records')).toContainText('24');
  await expect(page.getByTestId('trs-stats').locator('tbody tr.ant-table-row').first()).toBeVisible();
  for (const chart of ['trs-chart-cumulative', 'trs-chart-boxplot', 'trs-chart-attribution']) {
    await expect(page.getByTestId(chart).locator('canvas')).toBeVisible();
  }
  // Grouped by branch, and in English: headings, interval names and groupings are translated.
  await page.getByTestId('trs-report-by').click();
  await page.locator('.ant-select-item-option', { hasText: 'Chi cục' }).click();
  await expect(page.getByTestId('trs-stats').locator('tbody tr.ant-table-row', { hasText: '02CI' })).toBeVisible();
  await page.getByTestId('lang-switch').getByText('EN').click();
  await expect(page.getByTestId('trs-stats').locator('thead')).toContainText('Median');
  await expect(page.getByTestId('trs-report-interval')).toContainText('Registration to release');
  await expect(page.getByTestId('trs-report-by')).toContainText('Branch');
  await page.getByTestId('lang-switch').getByText('VI').click();
  await expect(page.getByTestId('trs-stats').locator('thead')).toContainText('Trung vị');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trs-export-xlsx').click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
});
