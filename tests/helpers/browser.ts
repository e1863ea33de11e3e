import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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

/**
 * Where browser tests save their screenshots (CI keeps the folder as an
 * artifact; git ignores it). SCREENSHOT_DIR overrides it.
 */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? 'artifacts/screenshots';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface PageCheck {
  /** axe-core's serious and critical violations: rule id and the first offending element. */
  violations: string[];
  /** How many CSS pixels the page is wider than the screen (0: no sideways scrolling). */
  overflow: number;
}

/**
 * Checks the page as it is shown: no sideways scrolling, axe-core's rules
 * (WCAG 2.1 A and AA), and saves a full-page screenshot as `<name>.png`. The
 * context must be made with `bypassCSP: true`, so that axe can run on our
 * pages, which forbid every script.
 */
export async function checkPage(page: Page, name: string): Promise<PageCheck> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  // Run in the page (strings: the tests are compiled without the DOM's types).
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate<string[]>(`(async () => {
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + (v.nodes[0] ? v.nodes[0].target.join(' ') : ''));
  })()`);
  return { violations, overflow: Math.max(0, overflow) };
}

/** Asserts that the page passes `checkPage`: no axe violation, no sideways scrolling. */
export async function expectGoodPage(page: Page, name: string): Promise<void> {
  const { violations, overflow } = await checkPage(page, name);
  expect({ name, violations, overflow }).toEqual({ name, violations: [], overflow: 0 });
}

/** The two screens every journey is tried on: a phone and a desktop. */
export const SCREENS = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;
