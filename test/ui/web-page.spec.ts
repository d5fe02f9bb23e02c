import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { useTestApi } from '../support/api.harness';
import { describeInChromium, useChromium, watchForProblems } from '../support/chromium';
import { recordPressStory } from '../support/press-story';

const REPOSITORY = join(__dirname, '..', '..');
const SCREENSHOTS = join(REPOSITORY, 'test-output', 'screenshots');
/** With UPDATE_SCREENSHOTS=1 the run also refreshes the README's pictures of the page. */
const README_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPOSITORY, 'docs', 'screenshots') : undefined;

/** The slider's value for a day: it counts days since 1970-01-01. */
const sliderDay = (isoDay: string) => String(Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000);

describeInChromium('the web page, in headless Chromium, over the recorded press story', () => {
  const api = useTestApi({ READ_YOUR_WRITES_TIMEOUT_MS: '10000' });
  const browser = useChromium();
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const last = await recordPressStory(api());
    // The page asks without minPosition: let every projection it reads catch up first.
    for (const path of ['/regions', '/regions/tatarstan/timeline', '/graph']) await api().get(`${path}?minPosition=${last}`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    if (README_SCREENSHOTS) mkdirSync(README_SCREENSHOTS, { recursive: true });
    context = await browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
    page = await context.newPage();
    problems = await watchForProblems(page);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
  });

  const screenshot = async (name: string, options: { fullPage?: boolean; readme?: boolean } = {}) => {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
    if (README_SCREENSHOTS && options.readme) await page.screenshot({ path: join(README_SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
  };
  const shown = (what: string) => page.locator(`#region-content[data-shown="${what}"]`).waitFor({ timeout: 30_000 });
  const timelineDates = () => page.locator('#timeline-list li').evaluateAll((items) => items.map((item) => item.getAttribute('data-occurred-on')));

  it('asks for an API token first', async () => {
    await page.goto(`${api().url}/`);
    await page.getByLabel('API token').waitFor();
    expect(page.url()).toBe(`${api().url}/ui/`);
    expect(await page.locator('#app').isHidden()).toBe(true);
    await screenshot('sign-in', { readme: true });
  }, 60_000);

  it('signs in with the admin token and lists the regions as a tree: Tatarstan within the Russian Federation', async () => {
    await page.getByLabel('API token').fill(api().adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const tatarstan = page.locator('li:has(> button[data-region-id="russia"]) > ul > li > button[data-region-id="tatarstan"]');
    await tatarstan.waitFor({ timeout: 30_000 });
    expect(await tatarstan.textContent()).toContain('Republic of Tatarstan');
    expect(await page.locator('#region-tree button[data-region-id]').count()).toBe(8);
  }, 60_000);

  it("shows Tatarstan's status, timeline, timeline picture and relationship graph", async () => {
    await page.locator('button[data-region-id="tatarstan"]').click();
    await shown('tatarstan@today');
    expect(await page.locator('#region-title').textContent()).toBe('Republic of Tatarstan');
    expect(await page.locator('[data-field="stage"] .stage').textContent()).toBe('exploring');
    expect(await page.locator('[data-field="meetings"]').textContent()).toContain('1 minister');
    expect(await timelineDates()).toEqual(['2010-03', '2017-03', '2017-03', '2017-10', '2017-10', '2017-10']);
    expect(await page.locator('#timeline-list li[data-entry-key$="kazan-minister-meeting"] .label').textContent()).toBe('Meeting in Kazan with Minister of Transport of Tatarstan');
    const picture = page.locator('#timeline-picture');
    expect(await picture.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBe(960);
    expect(decodeURIComponent((await picture.getAttribute('src'))!)).toContain('Timeline: Republic of Tatarstan');
    expect(await page.locator('#graph svg .node').count()).toBeGreaterThan(0);
    expect(await page.locator('#graph .node[data-node-id="organisation:tatarstan-transport-ministry"]').count()).toBe(1);
    expect(await page.locator('#as-of-output').textContent()).toMatch(/^today, /);
    await screenshot('tatarstan', { readme: true });
    await page.locator('#timeline-picture').screenshot({ path: join(SCREENSHOTS, 'timeline-picture.png') });
    if (README_SCREENSHOTS) await page.locator('#timeline-picture').screenshot({ path: join(README_SCREENSHOTS, 'timeline-picture.png') });
  }, 60_000);

  it('moving the as-of slider to 30 June 2017 shows the world then: stage contact, no October 2017 entries', async () => {
    const pictureBefore = await page.locator('#timeline-picture').getAttribute('src');
    await page.locator('#as-of').fill(sliderDay('2017-06-30'));
    await shown('tatarstan@2017-06-30');
    expect(await page.locator('#as-of-output').textContent()).toBe('30 June 2017');
    expect(await page.locator('#as-of-date').inputValue()).toBe('2017-06-30');
    expect(await page.locator('[data-field="stage"] .stage').textContent()).toBe('contact');
    expect(await page.locator('[data-field="meetings"]').textContent()).toBe('0');
    expect(await timelineDates()).toEqual(['2010-03', '2017-03', '2017-03']);
    expect(await page.locator('#timeline-list li[data-occurred-on^="2017-10"]').count()).toBe(0);
    const picture = await page.locator('#timeline-picture').getAttribute('src');
    expect(picture).not.toBe(pictureBefore);
    expect(decodeURIComponent(picture!)).toContain('as of 2017-06-30');
    expect(decodeURIComponent(picture!)).not.toContain('kazan-minister-meeting');
    expect(await page.locator('#graph .node[data-node-id="organisation:tatarstan-transport-ministry"]').count()).toBe(0);
    expect(new URL(page.url()).hash).toBe('#region=tatarstan&asOf=2017-06-30');
    await screenshot('tatarstan-as-of-2017-06-30', { readme: true });
  }, 60_000);

  it('keeps the view in the address: reloading shows the same region and day', async () => {
    await page.reload();
    await shown('tatarstan@2017-06-30');
    expect(await page.locator('[data-field="stage"] .stage').textContent()).toBe('contact');
  }, 60_000);

  it('returns to the present with Today', async () => {
    await page.getByRole('button', { name: 'Today' }).click();
    await shown('tatarstan@today');
    expect(await page.locator('[data-field="stage"] .stage').textContent()).toBe('exploring');
    expect(new URL(page.url()).hash).toBe('#region=tatarstan');
  }, 60_000);

  it('showed no console error, no CSP violation, no failed request along the way', () => {
    expect(problems).toEqual([]);
  });
});

describeInChromium('the web page with a token the API does not accept', () => {
  const api = useTestApi();
  const browser = useChromium();

  it('says so and does not sign in', async () => {
    const context = await browser().newContext();
    try {
      const page = await context.newPage();
      const problems = await watchForProblems(page);
      await page.goto(`${api().url}/ui/`);
      await page.getByLabel('API token').fill(`kt_${'0'.repeat(16)}_${'A'.repeat(43)}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#sign-in-error').filter({ hasText: 'That token was not accepted' }).waitFor({ timeout: 30_000 });
      expect(await page.locator('#app').isHidden()).toBe(true);
      // The only complaint is the refusal itself.
      expect(problems.filter((problem) => !/\b401\b/.test(problem))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
