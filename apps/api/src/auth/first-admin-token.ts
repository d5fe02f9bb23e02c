import { randomUUID } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, GRANT_FIRST_ACCESS } from '@app/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { CommandContext } from '../commands/command-context';
import { AccessRepository } from './access.repository';
import { AccessStreamFollower } from './access-stream-follower';
import { ACCESS_AGGREGATE } from './access-stream';
import { newApiToken } from './api-token';
import { TokenTable } from './token-table';

export const FIRST_ADMIN_SUBJECT = 'admin';
const BOOTSTRAP_ACTOR = { id: 'kontakt:first-start', role: 'admin' } as const;

/**
 * A deployment whose access stream is empty would lock everyone out, so on such a first start the API grants one
 * admin token, prints it once in the log and writes it to `<DATA_DIR>/admin-token`, readable by this user only.
 * Two replicas starting together both try; the grant expects the stream not to exist, so one wins and the other,
 * refused, just reads the winner's grant (its token is in the winner's log and data folder).
 */
@Injectable()
export class FirstAdminToken implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: AccessRepository,
    private readonly follower: AccessStreamFollower,
    private readonly table: TokenTable,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.table.loaded) return this.grantUnlessGranted();
    // The event store is not reachable yet: grant once it is, without holding up the start.
    this.follower.whenLoaded(() => {
      this.grantUnlessGranted().catch((error: unknown) => this.logger.error(`could not create the first admin token: ${String(error)}`));
    });
  }

  private async grantUnlessGranted(): Promise<void> {
    if (this.table.size > 0) return;
    const issued = newApiToken();
    const requestId = randomUUID();
    const context: CommandContext = {
      actor: BOOTSTRAP_ACTOR,
      requestId,
      correlationId: requestId,
      causationId: requestId,
      reason: 'first start: no access was granted yet',
    };
    try {
      await this.repository.execute(
        ACCESS_AGGREGATE.id,
        {
          type: GRANT_FIRST_ACCESS,
          data: { tokenId: issued.tokenId, subject: FIRST_ADMIN_SUBJECT, role: 'admin', secretSha256: issued.secretSha256, issuedAt: new Date().toISOString() },
        },
        context,
      );
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'ACCESS_ALREADY_GRANTED')) throw error;
      this.logger.log('another replica granted the first access just now; not creating a second admin token');
      await this.follower.catchUp();
      return;
    }
    await this.follower.catchUp();
    const file = this.config.access.bootstrapTokenFile;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${issued.token}\n`, { mode: 0o600 });
    // writeFile's mode applies only to a new file; one left from an earlier deployment keeps its own otherwise.
    await chmod(file, 0o600);
    // At warn, so that it is printed at every LOG_LEVEL but error, fatal and silent: someone has to act on it.
    this.logger.warn({
      msg: `first start: created admin token ${issued.tokenId}, shown this once and written to ${file} (mode 0600)`,
      tokenId: issued.tokenId,
      token: issued.token,
      file,
    });
  }
}
