import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOLDEN_DATA } from '../metrics/golden.ts';

export const FORMULA_MODEL = '=HYPERLINK("http://example.invalid/x","open")';
export const FORMULA_FIRMWARE = '+1.0';

/**
 * The golden fixture (tests/fixtures/golden) with hostile device text: in every month, model `M-100`
 * becomes a spreadsheet formula (with a comma and quotes, so RFC 4180 quoting is exercised too) and
 * firmware of device 00-00-00-00-00-00-01-02 starts with `+`.
 */
export async function writeFormulaFixture(): Promise<string> {
  const data = join(await mkdtemp(join(tmpdir(), 'cars-pack-fixture-')), 'data');
  await cp(GOLDEN_DATA, data, { recursive: true });
  for (const month of ['2025-08', '2025-09', '2025-10']) {
    const path = join(data, month, 'devices.csv');
    const text = (await readFile(path, 'utf8'))
      .replaceAll(',M-100,', `,"${FORMULA_MODEL.replaceAll('"', '""')}",`)
      .replace(/^(00-00-00-00-00-00-01-02,P1,ESME,SMETS2,Maker,"[^\n]*",)1\.0,/m, `$1${FORMULA_FIRMWARE},`);
    await writeFile(path, text);
  }
  return data;
}
