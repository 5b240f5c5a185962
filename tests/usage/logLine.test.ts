import { describe, expect, it } from 'vitest';
import { normalisePath, parseCombinedLine, parseLogTime } from '../../src/tools/usage/index.ts';

const line = (request: string, user = 'alphauser001', time = '05/Mar/2025:10:00:00 +0000', status = '200') =>
  `203.0.113.7 - ${user} [${time}] "${request}" ${status} 512 "-" "Mozilla/5.0 \\"x\\""`;

describe('combined log lines', () => {
  it('keeps time, user, method, path and status, and nothing of the address or user agent', () => {
    const result = parseCombinedLine(line('GET /2025-03/u/aaaaaaaaaaaaaaaa/?a=1 HTTP/1.1'));
    expect(result).toEqual({
      entry: { time: Date.UTC(2025, 2, 5, 10), user: 'alphauser001', method: 'GET', path: '/2025-03/u/aaaaaaaaaaaaaaaa/', status: 200 },
    });
    expect(JSON.stringify(result)).not.toMatch(/203\.0\.113|Mozilla/);
  });

  it('reads `-` as no user and a request line that is no request as no path', () => {
    expect(parseCombinedLine(line('\\x16\\x03\\x01', '-', undefined, '400'))).toMatchObject({
      entry: { user: undefined, path: undefined, status: 400 },
    });
    expect(parseCombinedLine(line('-', '-'))).toMatchObject({ entry: { path: undefined } });
  });

  it('names the column and the field where a line stops being combined', () => {
    expect(parseCombinedLine('this is not a log line')).toEqual({ problem: { column: 13, reason: 'expected time' } });
    const truncated = '192.0.2.55 - - [05/Mar/2025:13:00:00 +0000] "GET / HTTP/1.1" 302';
    expect(parseCombinedLine(truncated)).toEqual({ problem: { column: 66, reason: 'expected bytes sent' } });
    expect(parseCombinedLine(`${line('GET / HTTP/1.1')} extra`)).toMatchObject({ problem: { reason: 'text after the user agent' } });
    expect(parseCombinedLine(line('GET / HTTP/1.1', 'u', '31/Feb/2025:10:00:00 +0000'))).toMatchObject({
      problem: { reason: 'not a time dd/Mon/yyyy:hh:mm:ss +zzzz' },
    });
  });

  it('reads the local time with its offset', () => {
    expect(parseLogTime('05/Mar/2025:14:00:00 +0100')).toBe(Date.UTC(2025, 2, 5, 13));
    expect(parseLogTime('31/Dec/2024:23:30:00 -0130')).toBe(Date.UTC(2025, 0, 1, 1));
    expect(parseLogTime('05/Mar/2025:24:00:00 +0000')).toBeUndefined();
    expect(parseLogTime('05/mar/2025:10:00:00 +0000')).toBeUndefined();
  });

  it('normalises a path as nginx does before matching locations', () => {
    const a = '/2025-03/u/aaaaaaaaaaaaaaaa';
    expect(normalisePath(`${a}/%2e/data/../keyring.json`)).toBe(`${a}/keyring.json`);
    expect(normalisePath(`//2025-03/u//aaaaaaaaaaaaaaaa/./`)).toBe(`${a}/`);
    expect(normalisePath(`/2025-03/u/bbbbbbbbbbbbbbbb/..%2Faaaaaaaaaaaaaaaa%2Fdata%2Fx`)).toBe(`${a}/data/x`);
    expect(normalisePath('/')).toBe('/');
    expect(normalisePath('/%zz')).toBe('/%zz');
    expect(normalisePath('http://elsewhere/')).toBeUndefined();
  });
});
