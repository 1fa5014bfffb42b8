/** Structured JSON logs, one object per line; every request line carries its request id. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * Lines for stdout, written once per turn of the event loop: stdout to a file or a pipe is a blocking write,
 * and one per request line costs a system call per request under load. What is pending is written before the
 * process exits; a SIGKILL loses at most the current turn's lines.
 */
let pending: string[] = [];
let flushing = false;
function flushStdout(): void {
  flushing = false;
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stdout.write(text);
}
function writeStdout(line: string): void {
  pending.push(line + '\n');
  if (!flushing) {
    flushing = true;
    setImmediate(flushStdout);
  }
}
process.once('exit', flushStdout);

export function createLogger(level: LogLevel, write: (line: string) => void = writeStdout): Logger {
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
