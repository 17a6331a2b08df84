// End-to-end tests against a running haiquan server (the Makefile starts one with a fresh database + demo data).
// Browsers are never downloaded: Debian's chromium is launched (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  // Whole workflows across several accounts: on a loaded 2-core machine the longest single-account ones took
  // 60–70 s (trs-entry's form test timed out at 60 s), so the default leaves them room; the longest set their own.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  // One retry, reported by Playwright as "flaky" (never hidden): a one-shot CI gate on a shared machine should not
  // fall on a single slow moment, and a test that fails twice still fails.
  retries: 1,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: process.env.HAIQUAN_URL ?? 'http://127.0.0.1:18080',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Each launch uses a fresh temporary profile (Playwright's default user-data-dir).
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
