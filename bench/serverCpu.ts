/**
 * The CPU time a PostgreSQL cluster on this machine has used, from /proc: its postmaster's own time and that of
 * its children that have exited (`cutime`, `cstime`), plus the time of the children still running. Read before
 * and after a run, the difference is what the server spent on it (with whatever else the cluster did meanwhile).
 * Undefined when the server is not local or /proc cannot be read.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface ProcStat {
  /** The command name (`postgres` for a PostgreSQL server's processes). */
  readonly comm: string;
  readonly ppid: number;
  /** utime + stime, and cutime + cstime, in clock ticks. */
  readonly own: number;
  readonly children: number;
}

const procStat = (pid: number): ProcStat | undefined => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields start after its closing one.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
    // Field n of proc(5) (1-based; 3 is the state) is fields[n - 3]: ppid 4, utime 14, stime 15, cutime 16, cstime 17.
    const field = (n: number): number => fields[n - 3] ?? 0;
    return { comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), ppid: field(4), own: field(14) + field(15), children: field(16) + field(17) };
  } catch {
    return undefined;
  }
};

/** The postmaster of the local cluster one of whose backends is `backendPid` (a connection's `pg_backend_pid()`). */
export const postmasterOf = (backendPid: number): number | undefined => {
  // A remote server's backend pid may name some unrelated process here: only a local postgres backend counts.
  const backend = procStat(backendPid);
  return backend?.comm === 'postgres' && procStat(backend.ppid)?.comm === 'postgres' ? backend.ppid : undefined;
};

/** CPU seconds the cluster of `postmaster` has used (a backend may be gone by the end of a run: ask its postmaster). */
export const clusterCpuSeconds = (postmaster: number | undefined): number | undefined => {
  const root = postmaster === undefined ? undefined : procStat(postmaster);
  if (postmaster === undefined || root === undefined) return undefined;
  let ticks = root.own + root.children;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isSafeInteger(pid) || pid === postmaster) continue;
    const stat = procStat(pid);
    if (stat?.ppid === postmaster) ticks += stat.own;
  }
  return ticks / TICKS_PER_SECOND;
};
