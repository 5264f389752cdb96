import { readFileSync } from 'node:fs';

/** Linux reports the CPU times in /proc in ticks of 1/100 s (USER_HZ) on every architecture we run. */
const TICKS_PER_S = 100;

/**
 * CPU seconds spent so far by this process and by its children that have exited (ffmpeg): on a
 * machine shared with other work, wall time depends on the neighbours, CPU time much less. Children
 * count once reaped, which Node does as each one exits, before the call that ran it returns.
 */
export function cpuSeconds(): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1e6 + childrenSeconds();
}

function childrenSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command name (which may hold spaces): cutime and cstime are the 16th and 17th of the line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_S;
  } catch {
    return 0;
  }
}
