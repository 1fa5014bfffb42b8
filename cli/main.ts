/**
 * `aurea` — command-line tools over Aurea export files.
 * Each command lives in cli/commands and is loaded only when used, so `aurea insights`
 * never pays for TensorFlow.js.
 */
export interface CommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export type Command = (args: string[], io: CommandIO) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  validate: { summary: 'validate FILE            check an export file and name every problem', load: () => import('./commands/validate') },
  score: { summary: 'score NAME... [--json]   score foods from the offline table, with the reasons', load: () => import('./commands/score') },
  insights: { summary: 'insights FILE [--json]   triggers, delayed effects, cycle, weekday and trend patterns', load: () => import('./commands/insights') },
  backtest: { summary: 'backtest FILE [--json]   train on the first 80 % of logs, predict the rest day by day', load: () => import('./commands/backtest') },
  predict: { summary: 'predict FILE --date D    predict a day: --ingredients a,b [--cycle-phase P] [--json]', load: () => import('./commands/predict') },
};

function usage(): string {
  const lines = Object.values(commands).map((c) => `  aurea ${c.summary}`);
  return `Usage:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CommandIO = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.err(`aurea: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  const { run } = await cmd.load();
  return run(rest, io);
}
