import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { TimelineSvgController } from './timeline-svg.controller';
import { WebPageController } from './web-page.controller';

/** What people look at: timelines as SVG pictures, and the web page (its files are served by serveWebPage). */
@Module({
  imports: [ReadModelsModule],
  controllers: [TimelineSvgController, WebPageController],
})
export class PicturesModule {}
