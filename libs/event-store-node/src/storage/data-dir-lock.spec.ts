import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataDirLock } from './data-dir-lock';

describe('DataDirLock', () => {
  let directory: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('refuses a data folder locked by another live process, and takes it over once that process is gone', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    fs.writeFileSync(path.join(directory, 'node.lock'), String(other.pid));
    expect(() => DataDirLock.acquire(directory)).toThrow(/in use by process/);
    const exited = new Promise((resolve) => other.once('exit', resolve));
    other.kill('SIGKILL');
    await exited;
    const lock = DataDirLock.acquire(directory);
    expect(fs.readFileSync(path.join(directory, 'node.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(directory, 'node.lock'))).toBe(false);
  });
});
