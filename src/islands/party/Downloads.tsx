import { useState } from 'react';
import { toRows } from '../../site/arrowRows.ts';
import { downloadText, toCsv } from '../../site/csv.ts';
import { formatCell } from './format.ts';
import { unlockMessages, toUnlockError, type UnlockedReport } from './unlock.ts';

/** Every dataset of the report as CSV, decrypted on demand. */
export function Downloads({ report }: { report: UnlockedReport }) {
  const [error, setError] = useState<string | undefined>();
  const download = (name: string) => {
    setError(undefined);
    report
      .loadDataset(name)
      .then((table) => {
        const { columns, rows } = toRows(table);
        downloadText(`${report.manifest.month}-${name}.csv`, toCsv(columns, rows));
      })
      .catch((e: unknown) => setError(unlockMessages[toUnlockError(e).kind]));
  };
  const save = (file: string, format: 'csv' | 'pdf') => {
    setError(undefined);
    report
      .loadDownload(file)
      .then((bytes) =>
        downloadText(`${report.manifest.month}-${file}`, bytes, format === 'pdf' ? 'application/pdf' : 'text/csv;charset=utf-8'),
      )
      .catch((e: unknown) => setError(unlockMessages[toUnlockError(e).kind]));
  };
  const packed: FileRow[] = (report.manifest.downloads ?? []).map((d) => ({
    key: d.file,
    label: d.name,
    rows: d.rows,
    format: d.format.toUpperCase(),
    file: d.file,
    onClick: () => save(d.file, d.format),
  }));
  // a dataset listed in parts is one download of all its rows
  const rowsOf = new Map<string, number>();
  // the network operator's datasets (`ed_…`) are empty for a party that is not one: not listed
  const operator = report.manifest.party.roles.includes('ED');
  for (const d of report.manifest.datasets) {
    if (operator || !d.name.startsWith('ed_')) rowsOf.set(d.name, (rowsOf.get(d.name) ?? 0) + d.rows);
  }
  const datasets: FileRow[] = [...rowsOf].map(([name, rows]) => ({
    key: name,
    label: name.replace(/_/g, ' '),
    rows,
    format: 'CSV',
    onClick: () => download(name),
  }));
  return (
    <div>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {packed.length > 0 && <FileTable caption="Report files" heading="File" files={packed} />}
      <FileTable caption="Data files of this report" heading="Data" files={datasets} />
    </div>
  );
}

interface FileRow {
  key: string;
  label: string;
  rows: number | undefined;
  format: string;
  /** Set for packed files, so a test can find the button by file name. */
  file?: string;
  onClick: () => void;
}

function FileTable({ caption, heading, files }: { caption: string; heading: string; files: FileRow[] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col" className="num">
            Rows
          </th>
          <th scope="col">Download</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.key}>
            <td>{f.label}</td>
            <td className="num">{f.rows === undefined ? '' : formatCell('rows', f.rows)}</td>
            <td>
              <button type="button" className="secondary" data-download={f.file} onClick={f.onClick}>
                {f.format}
                <span className="visually-hidden"> of {f.label}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
