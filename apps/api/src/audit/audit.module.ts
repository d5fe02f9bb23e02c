import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AuditController } from './audit.controller';
import { auditKeyProvider } from './audit-key.provider';

/** The audit trail, entity histories and the verification of the hash chains. */
@Module({
  imports: [EventStoreModule, ReadModelsModule, PersonalDataModule],
  controllers: [AuditController],
  providers: [auditKeyProvider],
})
export class AuditModule {}
