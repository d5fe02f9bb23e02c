import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

let ticksPerSecond: number | undefined;

/** Linux's USER_HZ, the unit of utime/stime in /proc/<pid>/stat (`getconf CLK_TCK`, practically always 100). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    const reported = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    ticksPerSecond = Number.isInteger(reported) && reported > 0 ? reported : 100;
  }
  return ticksPerSecond;
}

/** User plus system CPU of every thread of `pid` so far, in clock ticks (proc(5): fields 14 and 15 of stat). */
export function readCpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may itself hold spaces or parentheses: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const fieldIndex = (field: number) => field - 3;
  return Number(fields[fieldIndex(14)]) + Number(fields[fieldIndex(15)]);
}

export function ticksToMilliseconds(ticks: number): number {
  return (ticks * 1000) / clockTicksPerSecond();
}

export interface ProcessMemory {
  rssBytes: number;
  peakRssBytes: number;
}

/** Resident set now (VmRSS) and its high-water mark (VmHWM), from /proc/<pid>/status. */
export function readMemory(pid: number): ProcessMemory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kibibytes = (key: string) => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${key} line`);
    return Number(match[1]) * 1024;
  };
  return { rssBytes: kibibytes('VmRSS'), peakRssBytes: kibibytes('VmHWM') };
}

/** Monotonic microseconds on the clock V8's CPU profiles use (CLOCK_MONOTONIC), so phases can be cut out of them. */
export function monotonicMicroseconds(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface IoCounters {
  /** Bytes through read-like syscalls (files and sockets alike, page cache hits included): `rchar`. */
  readBytes: number;
  /** Bytes through write-like syscalls: `wchar`. */
  writtenBytes: number;
  readCalls: number;
  writeCalls: number;
}

/** Cumulative I/O of `pid` from /proc/<pid>/io (proc(5)). */
export function readIoCounters(pid: number): IoCounters {
  const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
  const counter = (key: string) => {
    const match = new RegExp(`^${key}: (\\d+)$`, 'm').exec(io);
    if (!match) throw new Error(`/proc/${pid}/io has no ${key} line`);
    return Number(match[1]);
  };
  return { readBytes: counter('rchar'), writtenBytes: counter('wchar'), readCalls: counter('syscr'), writeCalls: counter('syscw') };
}
