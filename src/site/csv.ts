/** CSV for downloads: RFC 4180 quoting; text cells that a spreadsheet would run as a formula are defused. */
export type CsvValue = string | number | bigint | boolean | Date | readonly number[] | null | undefined;

const FORMULA_LEAD = /^[=+\-@\t\r]/;

export function toCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(' ') : (value as string);
  if (FORMULA_LEAD.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, CsvValue>[]): string {
  const lines = [columns.map((c) => toCsvCell(c)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => toCsvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Offer text as a file download without leaving the page. */
export function downloadText(fileName: string, text: string | Uint8Array, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([typeof text === 'string' ? text : text.slice().buffer], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
