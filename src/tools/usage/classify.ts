import { MONTH_PATTERN } from '../../shared/month.ts';

/** What a request to a party area fetched. */
export type AreaResource =
  | { kind: 'open' }
  | { kind: 'keyring' }
  | { kind: 'manifest' }
  | { kind: 'dataset'; name: string }
  | { kind: 'download'; format: 'csv' | 'pdf'; file: string }
  | { kind: 'other' };

export type RequestPlace = { area: false } | { area: true; month: string; slug: string; resource: AreaResource };

const MONTH = MONTH_PATTERN.source.slice(1, -1);
// the host's own slug rule, case-sensitive as nginx matches it
const AREA = new RegExp(`^/(${MONTH})/u/([a-z2-7]{16})/(.*)$`);

/** The party shell is the report page: one request per opening of the report (the data loads from it). */
export function toAreaResource(rest: string): AreaResource {
  if (rest === '' || rest === 'index.html') return { kind: 'open' };
  if (rest === 'keyring.json') return { kind: 'keyring' };
  if (rest === 'data/manifest.json.sealed') return { kind: 'manifest' };
  const data = /^data\/([A-Za-z0-9][A-Za-z0-9._-]*)\.sealed$/.exec(rest);
  const file = data?.[1];
  if (file?.endsWith('.arrow')) return { kind: 'dataset', name: file.slice(0, -'.arrow'.length) };
  if (file?.endsWith('.csv')) return { kind: 'download', format: 'csv', file };
  if (file?.endsWith('.pdf')) return { kind: 'download', format: 'pdf', file };
  return { kind: 'other' };
}

/** Whether a normalised path lies in a party area (`/<month>/u/<slug>/…`), and what it fetched there. */
export function toRequestPlace(path: string): RequestPlace {
  const m = AREA.exec(path);
  if (!m) return { area: false };
  return { area: true, month: m[1] as string, slug: m[3] as string, resource: toAreaResource(m[4] as string) };
}
