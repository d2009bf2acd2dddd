/**
 * CPU seconds of a local PostgreSQL cluster so far, read from /proc: the postmaster's own time, that of the children
 * it has reaped, and that of its live children (backends, WAL writer, checkpointer). Undefined when the server is
 * not on this machine or /proc cannot be read, e.g. another host or another OS. The bench takes the difference
 * over a run, so the server's share of the work shows beside this process's own CPU time.
 */
import { readdir, readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, …]; utime is field 14, so index 11 here. */
const statOf = async (pid: string): Promise<string[] | undefined> => {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
};
const ticks = (fields: readonly string[], from: number, count: number): number => fields.slice(from, from + count).reduce((sum, f) => sum + Number(f), 0);

export const clusterCpuSeconds = async (backendPid: number): Promise<number | undefined> => {
  const backend = await statOf(String(backendPid));
  const postmaster = backend?.[1];
  if (postmaster === undefined) return undefined;
  const own = await statOf(postmaster);
  if (own === undefined) return undefined;
  // utime, stime, cutime, cstime: the postmaster and every child it has reaped.
  let total = ticks(own, 11, 4);
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const fields = await statOf(pid);
    if (fields?.[1] === postmaster) total += ticks(fields, 11, 2);
  }
  return total / TICKS_PER_SECOND;
};
