/**
 * For tests and benchmarks: `cabledesk serve` as a real child process. `spawnServe(args)` starts
 * it, waits for its `listening on http://HOST:PORT` line and gives the address, the output so far
 * (logs are on standard error) and `stop(signal)`, which resolves with the exit code. Written once
 * for the serve, cluster, shutdown and several-servers tests and for a load benchmark.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cabledeskBin = fileURLToPath(new URL('../../bin/cabledesk.js', import.meta.url));

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** The JSON log lines written so far (lines that are not JSON are left out). */
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnServeOptions {
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the listening line (default 60 s). */
  timeoutMs?: number;
}

export async function spawnServe(args: string[], options: SpawnServeOptions = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cabledeskBin, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in time: ${err}`));
    }, options.timeoutMs ?? 60_000);
    const look = () => {
      const m = /^listening on (http:\/\/\S+)\n/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve(m[1]!);
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening: ${err}`));
    });
  });
  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    logs: () =>
      err.split('\n').flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
