import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';

/** Starts the server: config from the environment (fails fast with a clear message), then listen. */
export async function startServer(env: Record<string, string | undefined> = process.env) {
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`aurea server: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const server = createApp(config);
  const http = serve({ fetch: server.app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'listening', url: `http://${host}:${info.port}` }) + '\n');
    if (process.send) process.send({ type: 'listening', port: info.port });
  });
  const stop = () => {
    http.close();
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { server, http };
}
