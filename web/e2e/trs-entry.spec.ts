// Form entry of a study's records (01-NK) and the follow-up of incomplete records.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, login, logout } from './helpers';

const DAY_MS = 86_400_000;

/** Monday of last week in Vietnam: a measured week that is over, its follow-up limit still ahead. */
function lastWeekMonday(): Date {
  const vn = new Date(Date.now() + 7 * 3_600_000);
  const sinceMonday = (vn.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() - sinceMonday - 7));
}
const MONDAY = lastWeekMonday();
/** The `n`-th day of the week (0 = Monday) as YYYY-MM-DD, DD/MM. */
const isoDay = (n: number) => new Date(MONDAY.getTime() + n * DAY_MS).toISOString().slice(0, 10);
const ddmm = (n: number) => isoDay(n).slice(8, 10) + '/' + isoDay(n).slice(5, 7);

/** A 12-digit declaration number unique to this run. */
function declarationNo(seq: number): string {
  return `10${String((Date.now() % 1e8) * 10 + seq).padStart(9, '0').slice(-9)}0`;
}

/** Sets a study up for 02CI (sea) and 02B1 (air) through the API, as the signed-in analyst; returns its id. */
async function createStudy(page: Page, name: string): Promise<number> {
  const csrf = await page.evaluate(() => sessionStorage.getItem('hq.csrf'));
  const res = await page.request.post('/api/v1/trs/studies', {
    headers: { 'X-CSRF-Token': csrf ?? '' },
    data: {
      name,
      year: Number(isoDay(5).slice(0, 4)),
      week_start: isoDay(0),
      branches: [{ code: '02CI', route: 'SEA' }, { code: '02B1', route: 'AIR' }],
      excluded_type_codes: [],
      world_bank_branches: ['02CI'],
      follow_up_days: 30,
    },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()).id as number;
}

/** Stores a record through the API (cells as in the wide CSV, times as YYYY-MM-DD HH:mm:ss). */
async function createRecord(page: Page, study: number, cells: Record<string, string>): Promise<void> {
  const csrf = await page.evaluate(() => sessionStorage.getItem('hq.csrf'));
  const res = await page.request.post(`/api/v1/trs/studies/${study}/records`, { headers: { 'X-CSRF-Token': csrf ?? '' }, data: { cells } });
  expect(res.ok(), await res.text()).toBeTruthy();
}

/** Types DD/MM HH:mm into the date-time picker of `column` and leaves it with `key`. */
async function typeTime(page: Page, column: string, text: string, key: 'Tab' | 'Enter' = 'Tab'): Promise<void> {
  const input = page.locator(`#${column}`);
  await input.click();
  await input.fill(text);
  await input.press(key);
  await expect(input).toHaveValue(text);
}

async function pick(page: Page, column: string, option: string): Promise<void> {
  await page.locator(`#${column}`).click();
  await page.locator(`.ant-select-item-option[title="${option}"]`).click();
}

test('a branch officer types a record into form 01-NK: DD/MM HH:mm pickers, warnings while typing, Enter in a date does not save', async ({ page }) => {
  const name = `Biểu mẫu e2e ${Date.now().toString(36)}`;
  await login(page, 'trs.phantich', DEMO_PASSWORD);
  await createStudy(page, name);
  await logout(page);

  await login(page, '02ci.trs', DEMO_PASSWORD);
  await page.goto('/trs/studies');
  await page.locator('tr', { hasText: name }).getByRole('link', { name: 'Nhập biểu mẫu' }).click();
  await expect(page).toHaveURL(/\/trs\/studies\/\d+\/records\/new$/);
  await expect(page.getByText('A. Thông tin chung')).toBeVisible();

  // Every save is a POST to …/records; the checks as you type go to …/records/check.
  const saves: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/trs\/studies\/\d+\/records$/.test(new URL(r.url()).pathname)) saves.push(r.url());
  });

  const no = declarationNo(1);
  await page.locator('#declaration_no').fill(no);
  await page.locator('#branch_code').fill('02CI');
  await page.locator('#bill_of_lading').fill('SGNE2E2611');
  await page.locator('#transport').fill('WAN HAI 305 / 112N');
  await page.getByTestId('cell-pre_arrival').getByText('Có', { exact: true }).click();
  await pick(page, 'channel', 'RED');
  await typeTime(page, 'arrival_at', `${ddmm(1)} 06:15`);

  // Enter confirms the typed date-time and stays on the form, although the record could already be saved.
  // The check of the new value is sent 400 ms after it; a save would have been sent at once.
  const checked = page.waitForResponse((r) => r.url().endsWith('/records/check') && !!r.request().postData()?.includes('registered_at'));
  await typeTime(page, 'registered_at', `${ddmm(2)} 08:30`, 'Enter');
  await checked;
  await expect(page).toHaveURL(/\/records\/new$/);
  expect(saves).toEqual([]);

  // An end before its start is flagged as it is typed; so is a red-channel record without inspection times.
  const warnings = page.getByTestId('trs-warnings');
  await typeTime(page, 'released_at', `${ddmm(2)} 07:00`);
  await expect(warnings).toContainText('released_at');
  await expect(warnings).toContainText('sớm hơn registered_at');
  await expect(warnings).toContainText('inspect_assigned_at');
  await typeTime(page, 'released_at', `${ddmm(3)} 15:40`);
  await expect(warnings).not.toContainText('sớm hơn registered_at');
  await expect(warnings).toContainText('chưa ghi nhận');
  await expect(warnings).toContainText('inspect_assigned_at');

  await typeTime(page, 'doc_assigned_at', `${ddmm(2)} 09:05`);
  await typeTime(page, 'doc_check_end_at', `${ddmm(2)} 11:20`);
  await page.locator('#released_at').click();
  await page.locator('#released_at').press('Enter');
  await expect(page).toHaveURL(/\/records\/new$/);
  expect(saves).toEqual([]);

  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.locator('.ant-message')).toContainText('Đã lưu tờ khai');
  await expect(page).toHaveURL(new RegExp(`/records/${no}$`));
  expect(saves).toHaveLength(1);
  await expect(page.locator('#registered_at')).toHaveValue(`${ddmm(2)} 08:30`);
  await expect(page.locator('#released_at')).toHaveValue(`${ddmm(3)} 15:40`);

  await page.locator('.trs-nav').getByText('Tờ khai đã nhập').click();
  await expect(page).toHaveURL(/\/records$/);
  const row = page.locator('tr', { hasText: no });
  await expect(row).toContainText('02CI');
  await expect(row).toContainText('RED');
  await expect(row).toContainText('Chưa đủ thông tin');
});

test('the follow-up page shows the incomplete records of each branch and the working days left', async ({ page }) => {
  const name = `Theo dõi e2e ${Date.now().toString(36)}`;
  await login(page, 'trs.phantich', DEMO_PASSWORD);
  const id = await createStudy(page, name);
  const at = (day: number, hm: string) => `${isoDay(day)} ${hm}:00`;
  const complete = declarationNo(2);
  const noSupervision = declarationNo(3);
  const noRelease = declarationNo(4);
  await createRecord(page, id, {
    flow: 'NK', branch_code: '02CI', declaration_no: complete, channel: 'GREEN', arrival_at: at(0, '22:00'),
    registered_at: at(1, '08:00'), released_at: at(1, '08:40'), supervision_confirmed_at: at(1, '14:00'),
  });
  await createRecord(page, id, {
    flow: 'NK', branch_code: '02CI', declaration_no: noSupervision, channel: 'GREEN', arrival_at: at(1, '05:00'),
    registered_at: at(2, '09:00'), released_at: at(2, '09:30'),
  });
  await createRecord(page, id, { flow: 'XK', branch_code: '02B1', declaration_no: noRelease, channel: 'YELLOW', registered_at: at(3, '10:00') });

  await page.goto('/trs/studies');
  await page.locator('tr', { hasText: name }).getByRole('link', { name: 'Theo dõi', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/trs/studies/${id}/followup$`));
  await expect(page.locator('.ant-alert')).toContainText('Hạn theo dõi');
  await expect(page.locator('.ant-alert')).toContainText(/Còn \d+ ngày làm việc/);

  const sea = page.locator('.ant-card', { hasText: '02CI' });
  await expect(sea).toContainText('Chưa đủ thông tin: 1');
  // Missing milestones are named as on the form (the column code in the tag's title).
  await expect(sea.locator('tr', { hasText: noSupervision })).toContainText('Thời điểm xác nhận qua khu vực giám sát');
  await expect(sea.locator('tr', { hasText: noSupervision }).locator('.ant-tag[title=supervision_confirmed_at]')).toBeVisible();
  await expect(sea).not.toContainText(complete);
  const air = page.locator('.ant-card', { hasText: '02B1' });
  await expect(air).toContainText('Chưa đủ thông tin: 1');
  await expect(air.locator('tr', { hasText: noRelease })).toContainText('Thời điểm thông quan/giải phóng hàng');

  // A record's number opens it in the form.
  await sea.getByRole('link', { name: noSupervision }).click();
  await expect(page).toHaveURL(new RegExp(`/records/${noSupervision}$`));
  await expect(page.locator('#registered_at')).toHaveValue(`${ddmm(2)} 09:00`);

  // A branch officer follows up only the records of its own branch.
  await logout(page);
  await login(page, '02ci.trs', DEMO_PASSWORD);
  await page.goto(`/trs/studies/${id}/followup`);
  await expect(page.locator('.ant-card', { hasText: '02CI' })).toContainText('Chưa đủ thông tin: 1');
  await expect(page.locator('.ant-card', { hasText: '02B1' })).toHaveCount(0);
});

test.describe('on a phone at a border gate', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the form fits the screen, the date-time pickers take typed DD/MM HH:mm, and the record saves', async ({ browser, page }) => {
    // The analyst sets the study up at a desk.
    const desk = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    const deskPage = await desk.newPage();
    await login(deskPage, 'trs.phantich', DEMO_PASSWORD);
    const study = await createStudy(deskPage, `Điện thoại e2e ${Date.now().toString(36)}`);
    await desk.close();

    await login(page, '02ci.trs', DEMO_PASSWORD);
    await page.goto(`/trs/studies/${study}/records/new`);
    await expect(page.getByText('A. Thông tin chung')).toBeVisible();
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    expect(await fits()).toBe(true);

    const no = declarationNo(7);
    await page.locator('#declaration_no').fill(no);
    await page.locator('#branch_code').fill('02CI');
    await pick(page, 'channel', 'GREEN');
    await typeTime(page, 'arrival_at', `${ddmm(0)} 22:10`);
    await typeTime(page, 'registered_at', `${ddmm(1)} 07:45`);
    await typeTime(page, 'released_at', `${ddmm(1)} 09:05`);
    await typeTime(page, 'supervision_confirmed_at', `${ddmm(1)} 10:30`);
    expect(await fits()).toBe(true);

    const save = page.getByRole('button', { name: 'Lưu' });
    await save.scrollIntoViewIfNeeded();
    await save.tap();
    await expect(page.locator('.ant-message')).toContainText('Đã lưu tờ khai');
    await expect(page).toHaveURL(new RegExp(`/records/${no}$`));
    await expect(page.locator('#released_at')).toHaveValue(`${ddmm(1)} 09:05`);
    expect(await fits()).toBe(true);
  });
});
