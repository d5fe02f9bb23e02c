import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReadModelWriter } from './read-model-writer';

/** The read-model database's writing connection, shared by the projections and the personal-data keys. */
@Module({
  providers: [{ provide: ReadModelWriter, useFactory: (config: AppConfig) => ReadModelWriter.open(config), inject: [APP_CONFIG] }],
  exports: [ReadModelWriter],
})
export class ReadModelStoreModule {}
