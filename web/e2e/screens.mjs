// Takes screenshots of the main pages (desktop and phone) for a visual review: node e2e/screens.mjs [outdir]
import { chromium } from '@playwright/test';

const base = process.env.HAIQUAN_URL ?? 'http://127.0.0.1:18080';
const out = process.argv[2] ?? '/tmp/shots';
const admin = process.env.HAIQUAN_ADMIN_PASSWORD ?? 'Quan-tri-2026!';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shoot(name, viewport, user, password, pages, lang = 'vi') {
  const ctx = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  await ctx.addInitScript((l) => localStorage.setItem('hq.lang', l), lang);
  const page = await ctx.newPage();
  await page.goto(base + '/login');
  await page.screenshot({ path: `${out}/${name}-login.png` });
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('.hq-shell');
  for (const [slug, path] of pages) {
    await page.goto(base + path);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${out}/${name}-${slug}.png`, fullPage: viewport.width > 500 });
  }
  await ctx.close();
}

const all = [['home', '/'], ['units', '/units?unit=02CI'], ['accounts', '/accounts'], ['requests', '/account-requests'], ['calendar', '/calendar?year=2026'], ['calendar-month', '/calendar?year=2026&view=month&month=2'], ['history', '/history'], ['404', '/khong-co']];
const which = process.argv[3];
if (!which || which === 'desktop') await shoot('desktop', { width: 1440, height: 900 }, 'admin', admin, all);
if (!which || which === 'phone') await shoot('phone', { width: 390, height: 844 }, '02_qt', 'Demo@2026haiquan', [['home', '/'], ['accounts', '/accounts'], ['calendar', '/calendar?year=2026']]);
if (!which || which === 'en') await shoot('en', { width: 1280, height: 800 }, '02ci.truong', 'Demo@2026haiquan', [['home', '/'], ['requests', '/account-requests']], 'en');
await browser.close();
