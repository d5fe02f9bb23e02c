import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { WEB_PAGE_PATH } from './web-page';

const WHAT_IT_SHOWS = 'browse regions, their status, timelines and the relationship graph, as of any day';

/** The API's root, and the page's folder without its slash, lead a browser to the web page. */
@ApiTags('web page')
@Access('public')
@Controller()
export class WebPageController {
  @Get()
  @ApiOperation({ summary: `Redirects to the web page at ${WEB_PAGE_PATH}`, security: [] })
  @ApiResponse({ status: 302, description: `To ${WEB_PAGE_PATH}: ${WHAT_IT_SHOWS}` })
  @Redirect(WEB_PAGE_PATH, 302)
  home(): void {
    // @Redirect answers; nothing to return.
  }

  @Get(WEB_PAGE_PATH.replace(/\/$/, ''))
  @ApiOperation({ summary: `Redirects to ${WEB_PAGE_PATH}, where the page's relative links resolve`, security: [] })
  @ApiResponse({ status: 302, description: `To ${WEB_PAGE_PATH}` })
  @Redirect(WEB_PAGE_PATH, 302)
  page(): void {
    // @Redirect answers; nothing to return.
  }
}
