import { useState } from 'react';
import { toRows } from '../../site/arrowRows.ts';
import { downloadText, toCsv } from '../../site/csv.ts';
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
  const packed = report.manifest.downloads ?? [];
  return (
    <div>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {packed.length > 0 && (
        <table>
          <caption>Report files</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col">Download</th>
            </tr>
          </thead>
          <tbody>
            {packed.map((d) => (
              <tr key={d.file}>
                <td>{d.name}</td>
                <td className="num">{d.rows ?? ''}</td>
                <td>
                  <button type="button" className="secondary" data-download={d.file} onClick={() => save(d.file, d.format)}>
                    {d.format.toUpperCase()}
                    <span className="visually-hidden"> of {d.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table>
        <caption>Data files of this report</caption>
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col">Download</th>
          </tr>
        </thead>
        <tbody>
          {report.manifest.datasets.map((d) => (
            <tr key={d.name}>
              <td>{d.name.replace(/_/g, ' ')}</td>
              <td className="num">{d.rows}</td>
              <td>
                <button type="button" className="secondary" onClick={() => download(d.name)}>
                  CSV<span className="visually-hidden"> of {d.name.replace(/_/g, ' ')}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
