import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp } from './app';
import { answerMalformedHttp, requestFailed, requireHost } from './http';
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
  // Requests Hono never sees (unparseable HTTP, a bad Host or target) get the API's JSON errors too.
  const http = createServer({ requireHostHeader: false }, requireHost(getRequestListener(server.app.fetch, { hostname: config.HOST, errorHandler: requestFailed })));
  answerMalformedHttp(http);
  http.listen(config.PORT, config.HOST, () => {
    const info = http.address() as AddressInfo;
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
