import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WEB_PAGE_ROOT } from '../../apps/api/src/pictures/web-page';
import { useTestApi } from '../support/api.harness';

/** Every file of the web page, as a path below /ui/. */
function pageFiles(folder = WEB_PAGE_ROOT): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? pageFiles(join(folder, entry.name)) : [relative(WEB_PAGE_ROOT, join(folder, entry.name))]));
}

describe('the web page’s files', () => {
  const api = useTestApi();

  it('leads from / to /ui/, and from /ui to /ui/', async () => {
    for (const [from, to] of [
      ['/', '/ui/'],
      ['/ui', '/ui/'],
    ]) {
      const response = await fetch(`${api().url}${from}`, { redirect: 'manual' });
      expect({ from, status: response.status, location: response.headers.get('location') }).toEqual({ from, status: 302, location: to });
    }
  });

  it('serves the page and every file it needs without a token, each with its content type and the strict CSP', async () => {
    const types: Record<string, string> = { html: 'text/html', css: 'text/css', js: 'application/javascript', svg: 'image/svg+xml' };
    for (const file of pageFiles()) {
      const response = await fetch(`${api().url}/ui/${file}`);
      expect({ file, status: response.status, type: response.headers.get('content-type')?.split(';')[0] }).toEqual({ file, status: 200, type: types[file.split('.').pop()!] });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self';/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await fetch(`${api().url}/ui/`)).status).toBe(200);
  });

  it('needs no build step and nothing from elsewhere: no inline script or handler, no URL of another origin, every import served', async () => {
    const html = readFileSync(join(WEB_PAGE_ROOT, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/style="/);
    for (const file of pageFiles()) expect({ file, foreign: readFileSync(join(WEB_PAGE_ROOT, file), 'utf8').match(/(?:src|href)=["']?(?:https?:)?\/\/|@import|url\(\s*["']?https?:/g) }).toEqual({ file, foreign: null });
    const modules = pageFiles().filter((file) => file.endsWith('.js'));
    for (const file of modules) {
      for (const [, imported] of readFileSync(join(WEB_PAGE_ROOT, file), 'utf8').matchAll(/^import .* from '(.+)';$/gm)) {
        expect(imported).toMatch(/^\.\/[a-z-]+\.js$/);
        expect(modules).toContain(join(file, '..', imported));
      }
    }
  });

  it('does not serve what lies outside the page’s folder', async () => {
    for (const path of ['/ui/../package.json', '/ui/%2e%2e/package.json', '/ui/..%2fpackage.json', '/ui/.hidden']) {
      expect({ path, status: (await fetch(`${api().url}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });
});
