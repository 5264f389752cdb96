import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Playwright cannot download its own browsers on machines without internet; there we use the system
 * Chromium (CHROMIUM_PATH, or Debian's /usr/bin/chromium). Elsewhere Playwright's Chromium is fine.
 */
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  // Files run two at a time (each starts its own studios and hubs on ports of their own); the tests
  // of one file run in order. Two workers keep the whole CI run well under 30 minutes on 2 cores.
  fullyParallel: false,
  workers: 2,
  // One retry absorbs a timing hiccup on a loaded 2-core runner (CI need not set CI=true); a real
  // failure fails twice, and the list reporter names a test that passed only on its retry as flaky.
  retries: 1,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
});
