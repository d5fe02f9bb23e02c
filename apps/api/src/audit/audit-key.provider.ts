import { Logger, type Provider } from '@nestjs/common';
import { loadAuditKey } from '@app/audit';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Injection token for the HMAC key (a Buffer) audit checkpoints are signed with. */
export const AUDIT_KEY = Symbol('AuditKey');

export const auditKeyProvider: Provider = {
  provide: AUDIT_KEY,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<Buffer> => {
    const loaded = await loadAuditKey(config.audit.hmacKey, config.dataDir);
    if (loaded.origin === 'generated') new Logger('Audit').log(`generated the audit checkpoint key into ${loaded.file} (mode 0600); set AUDIT_HMAC_KEY to use your own`);
    return loaded.key;
  },
};
