import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const created = new Set<string>();

/** A fresh folder under the system temp dir (on disk: fsync there must reach the device), removed by `removeScratchFolders`. */
export function makeScratchFolder(purpose: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `event-store-bench-${purpose}-`));
  created.add(folder);
  return folder;
}

/** A temp folder that outlives the run (CPU profiles the user asked for). */
export function makeKeptFolder(purpose: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `event-store-bench-${purpose}-`));
}

export function folderBytes(folder: string): number {
  return fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);
}

/** Synchronous so it also works from an 'exit' handler. */
export function removeScratchFolders(): void {
  for (const folder of created) {
    fs.rmSync(folder, { recursive: true, force: true });
    created.delete(folder);
  }
}
