import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; placeholder?: string };

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  allowPositionals?: boolean;
  run(values: Record<string, string | boolean | string[] | boolean[] | undefined>, positionals: string[]): Promise<number | void>;
}

export function toHelp(command: Command): string {
  const lines = [`cars ${command.name} — ${command.summary}`, '', `usage: cars ${command.usage}`, '', 'options:'];
  const entries = Object.entries({ ...command.options, help: { type: 'boolean', description: 'show this help' } as OptionSpec });
  for (const [name, spec] of entries) {
    const flag = `--${name}${spec.type === 'string' ? ` ${spec.placeholder ?? name.toUpperCase()}` : ''}`;
    const fallback = spec.default === undefined ? '' : ` (default ${String(spec.default)})`;
    lines.push(`  ${flag.padEnd(28)} ${spec.description}${fallback}`);
  }
  return lines.join('\n');
}
