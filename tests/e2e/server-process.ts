import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a real Aurea server process (the same entry as `npm start`) and waits until it is healthy. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ?? '0';
  const child = spawn(process.execPath, ['sync-server/start.mjs'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', BACKGROUND_JOBS: 'off', LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'aurea-proc-')), STATIC_DIR: 'app/dist', RATE_LIMIT_PER_IP: '100000', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const actualPort = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { type?: string; port?: number }) => m.type === 'listening' && resolve(m.port!));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  const url = `http://127.0.0.1:${actualPort}`;
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
