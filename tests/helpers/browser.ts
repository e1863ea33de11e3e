import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (installed by `scripts/install.sh --browser`); override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium for browser tests. `launch()` (unlike
 * `launchPersistentContext`) gives every browser a fresh profile in a new
 * temporary folder that Playwright deletes on `close()`, and every
 * `newContext()` is a clean, cookie-less session within it.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
  });
}

/** Records the URL of every request any page of `context` makes. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}
