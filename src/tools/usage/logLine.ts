/** One line of an nginx `combined` access log, reduced to what the usage report may keep: no address, no user agent. */
export interface LogEntry {
  /** Epoch milliseconds. */
  time: number;
  /** The basic-auth user (`$remote_user`); undefined for `-`. */
  user: string | undefined;
  method: string;
  /** Normalised path (decoded, dot segments and repeated slashes resolved); undefined for a request line that is not `METHOD TARGET PROTOCOL`. */
  path: string | undefined;
  status: number;
}

export interface LineProblem {
  column: number;
  reason: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The fields of `combined`, in order: `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"`. */
const FIELDS: { name: string; pattern: RegExp }[] = [
  { name: 'remote address', pattern: /\S+/y },
  { name: 'ident', pattern: / \S+/y },
  { name: 'remote user', pattern: / (\S+)/y },
  { name: 'time', pattern: / \[([^\]]+)\]/y },
  { name: 'request', pattern: / "((?:[^"\\]|\\.)*)"/y },
  { name: 'status', pattern: / (\d{3})/y },
  { name: 'bytes sent', pattern: / (?:\d+|-)/y },
  { name: 'referer', pattern: / "(?:[^"\\]|\\.)*"/y },
  { name: 'user agent', pattern: / "(?:[^"\\]|\\.)*"/y },
];

/** `10/Oct/2024:13:55:36 +0100` to epoch milliseconds; undefined when it is no such time. */
export function parseLogTime(text: string): number | undefined {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  const month = MONTHS.indexOf(m?.[2] ?? '');
  if (!m || month < 0) return undefined;
  const [day, year, hour, minute, second] = [m[1], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  const local = Date.UTC(year, month, day, hour, minute, second);
  if (new Date(local).getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = (Number(m[8]) * 60 + Number(m[9])) * 60_000 * (m[7] === '-' ? -1 : 1);
  return local - offset;
}

/** The path as nginx matches locations: percent-decoded, `.`/`..` and repeated slashes resolved, no query. */
export function normalisePath(target: string): string | undefined {
  if (!target.startsWith('/')) return undefined;
  const raw = target.split(/[?#]/)[0] as string;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw; // not valid percent-encoding: nginx matches it as written
  }
  const segments = decoded.split('/').slice(1);
  const kept: string[] = [];
  for (const segment of segments) {
    if (segment === '..') kept.pop();
    else if (segment !== '.' && segment !== '') kept.push(segment);
  }
  const folder = ['', '.', '..'].includes(segments.at(-1) ?? '') && kept.length > 0;
  return `/${kept.join('/')}${folder ? '/' : ''}`;
}

/** Parse one `combined` line, or say at which column and why it is not one. */
export function parseCombinedLine(line: string): { entry: LogEntry } | { problem: LineProblem } {
  const values: string[] = [];
  let at = 0;
  for (const field of FIELDS) {
    field.pattern.lastIndex = at;
    const m = field.pattern.exec(line);
    // the column where the field should start, after its separating space
    if (!m) return { problem: { column: at === 0 ? 1 : at + 2, reason: `expected ${field.name}` } };
    values.push(m[1] ?? '');
    at = field.pattern.lastIndex;
  }
  if (line.slice(at).trim() !== '') return { problem: { column: at + 1, reason: 'text after the user agent' } };
  const [, , user, timeText, request, status] = values as [string, string, string, string, string, string];
  const time = parseLogTime(timeText);
  if (time === undefined) return { problem: { column: line.indexOf('[') + 2, reason: 'not a time dd/Mon/yyyy:hh:mm:ss +zzzz' } };
  const parts = /^([A-Z]+) (\S+) HTTP\/\d(?:\.\d)?$/.exec(request);
  return {
    entry: {
      time,
      user: user === '-' ? undefined : user,
      method: parts?.[1] ?? '',
      path: parts ? normalisePath(parts[2] as string) : undefined,
      status: Number(status),
    },
  };
}
