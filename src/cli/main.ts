import { parseArgs } from 'node:util';
import { isCarsError } from '../lib/errors.ts';
import { guardConsole, parsePlainText, toTerminalText } from '../lib/terminalText.ts';
import { toHelp, type Command } from './command.ts';
import { commands } from './commands/index.ts';

const debug = process.argv.includes('--debug');
// Values from input files and the command line reach the terminal only with their control characters escaped.
guardConsole();

function printTopHelp(): void {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  console.log(
    `cars — Customer Analytics Reporting\n\nusage: cars <command> [options]\n\ncommands:\n${list}\n\nRun 'cars <command> --help' for a command's options. Add --debug for stack traces.`,
  );
}

async function runCommand(command: Command, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...command.options, help: { type: 'boolean' }, debug: { type: 'boolean' } },
    allowPositionals: command.allowPositionals ?? false,
    strict: true,
  });
  if (values.help) {
    console.log(toHelp(command));
    return 0;
  }
  // Names and other values given here end up in registries, links and output: no control characters.
  for (const [name, value] of Object.entries(values)) if (typeof value === 'string') parsePlainText(value, `--${name}`);
  for (const value of positionals) parsePlainText(value, `cars ${command.name}`);
  return (await command.run(values, positionals)) ?? 0;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printTopHelp();
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`unknown command: ${toTerminalText(name)} (see cars --help)`);
    return 2;
  }
  return runCommand(command, rest);
}

try {
  process.exitCode = await main(process.argv.slice(2).filter((a) => a !== '--debug'));
} catch (error) {
  const known = isCarsError(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (debug || !known) console.error(error);
  else console.error(`error: ${toTerminalText((error as Error).message)}`);
  process.exitCode = known ? 1 : 70;
}

// Benchmarks read peak memory from here; DuckDB runs in-process so this covers it.
if (process.env.CARS_RSS_FILE) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.CARS_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
}
