import { describe, expect, it } from 'vitest';
import { CarsError } from '../../src/lib/errors.ts';
import { guardConsole, hasControlCharacters, parsePlainText, toTerminalLines, toTerminalText } from '../../src/lib/terminalText.ts';

describe('toTerminalText', () => {
  it('writes C0 controls, DEL and C1 controls as \\xHH', () => {
    expect(toTerminalText('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(toTerminalText('nul\x00 bel\x07 del\x7f csi\u009b')).toBe('nul\\x00 bel\\x07 del\\x7f csi\\x9b');
    expect(toTerminalText('tab\tline\nreturn\r')).toBe('tab\\x09line\\x0areturn\\x0d');
  });
  it('writes bidirectional overrides as \\uHHHH', () => {
    expect(toTerminalText('abc\u202edef\u2066')).toBe('abc\\u202edef\\u2066');
  });
  it('leaves printable text alone, backslashes and non-ASCII letters included', () => {
    const text = 'Supplier B Power, Ltd — Ünïcödé 東京 C:\\data\\x1b';
    expect(toTerminalText(text)).toBe(text);
  });
});

describe('toTerminalLines', () => {
  it('keeps line feeds and tabs and escapes every other control character', () => {
    expect(toTerminalLines('one\ttwo\nthree\x1b[31m\r\x00')).toBe('one\ttwo\nthree\\x1b[31m\\x0d\\x00');
  });
});

describe('parsePlainText', () => {
  it('passes plain text and undefined through', () => {
    expect(parsePlainText('Alice Example', '--name')).toBe('Alice Example');
    expect(parsePlainText(undefined, '--name')).toBeUndefined();
  });
  it('refuses a control character with a one-line CarsError that shows it escaped', () => {
    for (const bad of ['Al\x00ice', 'Al\x1b[31mice', 'line\nbreak', 'tab\there', 'c1\u0085'])
      expect(hasControlCharacters(bad), JSON.stringify(bad)).toBe(true);
    const run = () => parsePlainText('Al\x1b[31mice\n', '--name');
    expect(run).toThrow(CarsError);
    expect(run).toThrow('control character not allowed: Al\\x1b[31mice\\x0a (--name)');
  });
});

describe('guardConsole', () => {
  it('escapes what is printed through console, keeping the lines', () => {
    const printed: string[] = [];
    const target: Pick<Console, 'log' | 'info' | 'warn' | 'error'> = {
      log: (...args: unknown[]) => void printed.push(args.join(' ')),
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
    guardConsole(target);
    target.log('value %s\nnext', 'x\x1b]0;title\x07');
    expect(printed).toEqual(['value x\\x1b]0;title\\x07\nnext']);
  });
});
