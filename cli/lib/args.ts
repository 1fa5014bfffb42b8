/** Minimal flag parsing shared by the commands: `--name value`, `--flag`, and positionals. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(args: string[], valueFlags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (valueFlags.includes(a.slice(2)) && i + 1 < args.length) flags.set(a.slice(2), args[++i]!);
      else flags.set(a.slice(2), true);
    } else positionals.push(a);
  }
  return { positionals, flags };
}
