import * as fs from 'node:fs';
import * as path from 'node:path';

const LOCK_FILE_NAME = 'node.lock';
/** Folders locked by nodes of this process (the pid in the lock file cannot tell two of them apart). */
const heldHere = new Set<string>();

/**
 * Keeps two nodes from appending to the same log (which would interleave their writes and corrupt it). The lock
 * file holds the owner's pid; a lock left behind by a process that no longer exists (after kill -9) is taken over.
 */
export class DataDirLock {
  private constructor(
    private readonly file: string,
    private readonly key: string,
  ) {}

  static acquire(directory: string): DataDirLock {
    const file = path.join(directory, LOCK_FILE_NAME);
    const key = fs.realpathSync(directory);
    if (heldHere.has(key)) throw new Error(`The data folder ${directory} is in use by another node in this process`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        heldHere.add(key);
        return new DataDirLock(file, key);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(fs.readFileSync(file, 'utf8'));
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
          throw new Error(`The data folder ${directory} is in use by process ${owner}; point this node at another --db folder`);
        }
        fs.rmSync(file, { force: true });
      }
    }
    throw new Error(`Could not lock the data folder ${directory}`);
  }

  release(): void {
    heldHere.delete(this.key);
    fs.rmSync(this.file, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
