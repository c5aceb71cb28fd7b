// Core pinning for the benchmarks: the server runs on one core (`taskset -c 0`, through
// startServer's `cpus`) and the load generator on the other, so one does not eat the other's CPU.
import { spawnSync } from 'node:child_process';

export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

/** Pins this process (every thread it has; threads made later inherit it). False without taskset. */
export function pinThisProcess(cpus: string): boolean {
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], {
    stdio: 'ignore',
  });
  return r.status === 0;
}

/** One line for a benchmark's header: where the server and the load run. */
export function pinningNote(pinned: boolean): string {
  return pinned
    ? `server on core ${SERVER_CPU}, load generator on core ${LOAD_CPU}`
    : 'NOT pinned (no taskset): server and load share the cores';
}
