import type { PartyUsage, UsageReport } from './report.ts';

const COLUMNS = [
  'party',
  'month',
  'recipients',
  'visits',
  'reportOpens',
  'datasetsOpened',
  'downloads',
  'csvDownloads',
  'pdfDownloads',
  'refused',
  'firstVisit',
  'lastVisit',
] as const satisfies readonly (keyof PartyUsage)[];

const toCsvField = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per party and month, the datasets as `name=count` pairs. */
export function toUsageCsv(report: UsageReport): string {
  const header = [...COLUMNS, 'datasets'].join(',');
  const lines = report.parties.map((row) =>
    [
      ...COLUMNS.map((c) => row[c]),
      Object.entries(row.datasets)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, n]) => `${name}=${n}`)
        .join(' '),
    ]
      .map(toCsvField)
      .join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A horizontal bar per label, drawn as inline SVG: the page loads nothing and runs no script. */
export function toBarChart(title: string, bars: { label: string; value: number }[]): string {
  const rowHeight = 22;
  const labelWidth = 120;
  const barWidth = 360;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 8;
  const marks = bars.map((b, i) => {
    const y = i * rowHeight + 4;
    const w = Math.round((b.value / max) * barWidth);
    return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(b.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" fill="#1d70b8"/><text x="${labelWidth + w + 4}" y="${y + 15}">${b.value}</text>`;
  });
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barWidth + 60}" height="${height}" font-size="12">${marks.join('')}</svg></figure>`;
}

const toTable = (report: UsageReport): string => {
  const head = COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('');
  const body = report.parties
    .map((row) => `<tr>${COLUMNS.map((c) => `<td>${escapeHtml(String(row[c] ?? ''))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
};

function toMonthSection(report: UsageReport, month: string): string {
  const rows = report.parties.filter((r) => r.month === month);
  const bars = (key: 'visits' | 'reportOpens' | 'downloads') => rows.map((r) => ({ label: r.party, value: r[key] }));
  const never = report.neverOpened.find((n) => n.month === month)?.parties ?? [];
  return `<section><h2>${escapeHtml(month)}</h2>
${toBarChart(`Visits per party, ${month}`, bars('visits'))}
${toBarChart(`Report opens per party, ${month}`, bars('reportOpens'))}
${toBarChart(`Downloads (CSV and PDF) per party, ${month}`, bars('downloads'))}
<p>Never opened their report: ${never.length === 0 ? 'none' : escapeHtml(never.join(', '))}</p></section>`;
}

/** The private HTML page: charts per month, the full table, the log lines skipped. Self-contained, no script. */
export function toUsageHtml(report: UsageReport): string {
  const t = report.totals;
  const skipped = report.skipped.map((s) => `<li>${escapeHtml(`${s.file}:${s.line}:${s.column} ${s.reason}`)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>Report usage</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}figure{margin:1rem 0}figcaption{font-weight:600}</style>
</head><body>
<h1>Report usage</h1>
<p>Private to the DCC: do not publish. Log lines read ${report.linesRead}, skipped ${report.linesSkipped}.</p>
<p>Totals: ${t.recipients} recipients, ${t.visits} visits, ${t.reportOpens} report opens, ${t.datasetsOpened} datasets opened, ${t.downloads} downloads, ${t.refused} refused requests, ${t.unknownAreaRequests} requests to unknown party addresses.</p>
${report.months.map((m) => toMonthSection(report, m)).join('\n')}
<h2>Every party and month</h2>
${toTable(report)}
${skipped ? `<h2>Skipped log lines (first ${report.skipped.length})</h2><ul>${skipped}</ul>` : ''}
</body></html>
`;
}
