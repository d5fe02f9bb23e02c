import { existsSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/** Debian's chromium package; the browser tests drive it with playwright-core (which brings no browser of its own). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const MISSING = `the browser tests need Chromium at ${CHROMIUM_PATH} (Debian: apt-get install chromium; .ci/run installs it)`;

/**
 * `describe`, for tests that need Chromium. Without it they are skipped on a developer's machine (saying why), but
 * in CI (CI=true) they run and fail with that reason: a CI run must not pass by not testing the browser.
 */
export function describeInChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH) || process.env.CI === 'true') describe(name, body);
  else describe.skip(`${name} (skipped: ${MISSING})`, body);
}

/** One headless Chromium for the test file, launched before its first test and closed after its last. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing: ${MISSING}`);
    // No sandbox: CI runs the tests as root, where Chromium's sandbox refuses to start.
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--headless=new'], timeout: 60_000 });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium has not started');
    return browser;
  };
}

/**
 * Collects what a page should never show: console errors and warnings (CSP violations among them, reported by the
 * browser and by a listener for `securitypolicyviolation`), uncaught exceptions, failed requests and error answers.
 */
export async function watchForProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  // Injected by the browser's devtools protocol, not as a page script, so the page's CSP does not apply to it.
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`));",
  });
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.request().method()} ${response.url()}`);
  });
  return problems;
}
