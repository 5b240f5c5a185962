import { format } from 'node:util';
import { CarsError } from './errors.ts';

/**
 * Text from input shown on a terminal: control characters (C0, DEL, C1) could move the cursor, recolour or
 * retitle the terminal, and bidirectional overrides reorder what is shown, so each is written as an escape
 * (`\x1b` for ESC, `\u202e` for RIGHT-TO-LEFT OVERRIDE). Backslashes stay as they are.
 */
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
/** The same, minus line feed and tab: for multi-line output (help, stack traces) built by the program. */
const UNSAFE_IN_LINES = /[^\P{Cc}\t\n]|[\u202a-\u202e\u2066-\u2069]/gu;
const CONTROL = /\p{Cc}/u;

const toEscape = (char: string): string => {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One value shown on one line: every control character escaped, line breaks and tabs included. */
export const toTerminalText = (text: string): string => text.replace(UNSAFE, toEscape);

/** Output of several lines: control characters escaped except line feed and tab. */
export const toTerminalLines = (text: string): string => text.replace(UNSAFE_IN_LINES, toEscape);

/** JSON for a terminal: what JSON leaves raw (DEL, C1 controls, bidirectional overrides) written as `\u` escapes, so it stays valid JSON. */
export const toTerminalJson = (value: unknown): string =>
  JSON.stringify(value, null, 2).replace(UNSAFE_IN_LINES, (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);

export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);

/** A name or other text given on the command line: refused when it holds a control character. */
export function parsePlainText<T extends string | undefined>(value: T, where: string): T {
  if (value !== undefined && hasControlCharacters(value))
    throw new CarsError('control character not allowed', toTerminalText(value), where);
  return value;
}

type ConsoleLevel = 'log' | 'info' | 'warn' | 'error';

/** From now on everything printed through `console` has its control characters escaped (progress bars write to stderr directly). */
export function guardConsole(target: Pick<Console, ConsoleLevel> = console): void {
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    const write = target[level].bind(target);
    target[level] = (...args: unknown[]) => write(toTerminalLines(format(...args)));
  }
}
