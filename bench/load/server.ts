import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** The server's log file (stdout and stderr). */
  logFile: string;
  /** The tail of the log, for error messages. */
  logTail(chars?: number): string;
  /** SIGTERM and wait (the server's shutdown path: closes the store; writes the CPU profile when asked). */
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** Directory to write a V8 CPU profile into (node --cpu-prof), or undefined. */
  cpuProfileDir?: string;
}

/**
 * Starts the production entry point (`node sync-server/start.mjs`, bundled by esbuild when stale) as a child
 * process on 127.0.0.1 and a free port. Its log lines go to a file, as they would under a process manager,
 * so reading them costs the benchmark process nothing.
 */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = join(options.dataDir, 'server.log');
  const fd = openSync(logFile, 'a');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|DATA_DIR|JWT_SECRET|STATIC_DIR|RATE_LIMIT_.*|LOG_LEVEL|BACKGROUND_JOBS|USDA_.*|OFF_BASE_URL|UPSTREAM_TIMEOUT_MS)$/.test(k)));
  const child = fork(join(repoRoot, 'sync-server/start.mjs'), [], {
    cwd: repoRoot,
    execArgv: options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [],
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '', DATA_DIR: options.dataDir, BACKGROUND_JOBS: 'off', LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', fd, fd, 'ipc'],
  });
  closeSync(fd);
  const logTail = (chars = 2000) => {
    try {
      return readFileSync(logFile, 'utf8').slice(-chars);
    } catch {
      return '';
    }
  };
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start within 120 s:\n${logTail()}`)), 120_000);
    child.on('message', (m: unknown) => {
      const msg = m as { type?: string; port?: number };
      if (msg?.type === 'listening' && typeof msg.port === 'number') {
        clearTimeout(timer);
        ok(msg.port);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`server exited before listening (code ${code}, signal ${signal}):\n${logTail()}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    logFile,
    logTail,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
