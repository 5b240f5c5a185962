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
  return (
    <div>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
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
