import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Where the web page is served. */
export const WEB_PAGE_PATH = '/ui/';

/** The page's files: plain HTML, CSS and ES modules, served as they are (no build step). */
export const WEB_PAGE_ROOT = join(__dirname, '..', '..', 'public');

/**
 * Serves the web page's static files at /ui/. They are public, as /docs is: they hold no data, and the page asks for
 * an API token before it calls anything else. Helmet's headers (the CSP with script-src 'self') apply to them as to
 * every answer, which is why the page has no inline script.
 */
export function serveWebPage(app: NestFastifyApplication): void {
  app.useStaticAssets({ root: WEB_PAGE_ROOT, prefix: WEB_PAGE_PATH, decorateReply: false, index: ['index.html'], dotfiles: 'ignore' });
}
