import { Module } from '@nestjs/common';
import { PersonalDataKeyStore, PersonalDataRevealer } from '@app/personal-data';
import { ReadModelStoreModule } from '../read-models/read-model-store.module';
import { ReadModelWriter } from '../read-models/read-model-writer';
import { PersonalDataVault } from './personal-data-vault';

/**
 * Personal data: the key store in the read-model database, the vault the write side seals and reveals with, and the
 * revealer the projections read the log through.
 */
@Module({
  imports: [ReadModelStoreModule],
  providers: [
    { provide: PersonalDataKeyStore, useFactory: (writer: ReadModelWriter) => new PersonalDataKeyStore(writer.database), inject: [ReadModelWriter] },
    { provide: PersonalDataVault, useFactory: (keys: PersonalDataKeyStore) => new PersonalDataVault(keys), inject: [PersonalDataKeyStore] },
    { provide: PersonalDataRevealer, useFactory: (keys: PersonalDataKeyStore) => new PersonalDataRevealer(keys), inject: [PersonalDataKeyStore] },
  ],
  exports: [PersonalDataVault, PersonalDataRevealer],
})
export class PersonalDataModule {}
