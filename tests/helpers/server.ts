// Starts the real server (api/server.ts) as a child process on a free port with its own data
// directory, and keeps everything it prints, so tests can search the logs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type RunningServer = {
  url: string;
  dataDir: string;
  logs: () => string;
  stop: () => Promise<void>;
  /** SIGKILL: no shutdown hooks, no checkpoint; as if the process crashed. */
  crash: () => Promise<void>;
  pid: number;
};

const SHEDDING_OFF = { MAX_EVENT_LOOP_DELAY_MS: '0', MAX_COMMIT_MS: '0', MAX_QUEUE_MS: '0' };

export async function startServer(
  env: Record<string, string> = {},
  options: {
    dataDir?: string;
    script?: string;
    /** Pin the server (every thread) to these CPUs with taskset, e.g. '0' (benchmarks). */
    cpus?: string;
    /** Extra flags for node itself, e.g. ['--cpu-prof'] (benchmarks). */
    nodeArgs?: string[];
    /**
     * 'defaults' keeps the server's load shedding as configured (benchmarks, shedding tests).
     * Otherwise it is off unless `env` sets it: a test about something else must not be
     * refused with 503 because the machine running it is busy.
     */
    loadShedding?: 'defaults' | 'off';
  } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'voz-segura-e2e-'));
  let output = '';
  let exitNote = '';
  // Node itself with tsx's loader, not the tsx command: the command runs the script in a
  // grandchild, so a kill -9 would hit the wrapper and leave the real server running.
  const node = [
    process.execPath,
    ...(options.nodeArgs ?? []),
    '--import',
    'tsx',
    options.script ?? path.join(ROOT, 'api', 'server.ts'),
  ];
  // taskset execs the command in place, so the pid is still the server's.
  const command = options.cpus ? ['taskset', '-c', options.cpus, ...node] : node;
  const child: ChildProcess = spawn(command[0] as string, command.slice(1), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      ...(options.loadShedding === 'defaults' ? {} : SHEDDING_OFF),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.once('exit', (code, signal) => {
    exitNote = `[exited: code ${code}, signal ${signal}]`;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const match = /Form:\s+(http:\/\/\S+?)\/\s/.exec(output);
      if (match?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(match[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // 'close', not 'exit': at 'exit' the last lines the server wrote may still be in the pipe.
    const exited = new Promise((resolve) => child.once('close', resolve));
    child.kill(name);
    await exited;
  };
  return {
    url,
    dataDir,
    pid: child.pid ?? -1,
    logs: () => (exitNote ? `${output}\n${exitNote}` : output),
    stop: () => signal('SIGTERM'),
    crash: () => signal('SIGKILL'),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
