import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { MetricsModule } from './metrics/metrics.module';
import { CooperationsModule } from './cooperations/cooperations.module';
import { FairsModule } from './fairs/fairs.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PeopleModule } from './people/people.module';
import { PicturesModule } from './pictures/pictures.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { RegionsModule } from './regions/regions.module';

@Module({})
export class AppModule {
  /** The configuration is loaded by the caller (main.ts, or a test) so that nothing inside the app reads process.env. */
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config), AuthModule, HealthModule, MetricsModule, RegionsModule, OrganisationsModule, PeopleModule, FairsModule, CooperationsModule, ReadModelsModule, AuditModule, PicturesModule, ImportsModule] };
  }
}
