import { fork, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown handlers, no flushing — a crash. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

/**
 * Starts the real server (`node sync-server/start.mjs`, bundled with esbuild on first use) as a child process
 * on a free port and waits for its IPC 'listening' message.
 */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|DATA_DIR|JWT_SECRET|STATIC_DIR|RATE_LIMIT_.*|LOG_LEVEL|BACKGROUND_JOBS)$/.test(k)));
  const child = fork(resolve(repoRoot, 'sync-server/start.mjs'), [], {
    cwd: repoRoot,
    env: { ...clean, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '', DATA_DIR: dataDir, BACKGROUND_JOBS: 'off', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 90 s:\n${out}`)), 90_000);
    child.on('message', (m: unknown) => {
      const msg = m as { type?: string; port?: number };
      if (msg?.type === 'listening' && typeof msg.port === 'number') {
        clearTimeout(timer);
        resolvePort(msg.port);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${code}, signal ${signal}):\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
