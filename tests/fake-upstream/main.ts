/**
 * Runs the fake USDA / Open Food Facts upstream as a process (for Playwright and manual runs):
 *
 *   npx tsx tests/fake-upstream/main.ts --port 0 [--host 127.0.0.1] [--data ../shared/data]
 *
 * Prints one JSON line, {"usda": <USDA_BASE_URL>, "off": <OFF_BASE_URL>, "url": <root>}, then serves
 * until SIGINT/SIGTERM. Exits with status 2 and a message when ../shared/data is missing.
 */
import { FakeUpstreamDataMissing, startFakeUpstream } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const portArg = arg('port') ?? '0';
const port = Number(portArg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`fake-upstream: --port must be 0–65535, got "${portArg}"\n`);
  process.exit(2);
}

try {
  const fake = await startFakeUpstream({ port, host: arg('host'), dataDir: arg('data') });
  process.stdout.write(JSON.stringify({ usda: fake.usdaBaseUrl, off: fake.offBaseUrl, url: fake.url }) + '\n');
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  if (e instanceof FakeUpstreamDataMissing) {
    process.stderr.write(`fake-upstream: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
