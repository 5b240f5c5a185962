import { describe, expect, it } from 'vitest';
import { isInSlice, parseSliceParam, toSliceParam } from '../../src/islands/party/slice.ts';

const row = { model: 'M-100', firmware: '1.0', region: null, meter_type: 'Credit', smets: 'SMETS2' };

describe('a root-cause slice over failure signifier rows', () => {
  it('matches a named value of its dimension only', () => {
    expect(isInSlice(row, { dimension: 'model', value: 'M-100' })).toBe(true);
    expect(isInSlice(row, { dimension: 'model', value: 'M-10' })).toBe(false);
    expect(isInSlice(row, { dimension: 'meter_type', value: 'Credit' })).toBe(true);
    expect(isInSlice(row, { dimension: 'smets', value: 'SMETS1' })).toBe(false);
  });

  it('reads a missing value where the metrics stage names it', () => {
    expect(isInSlice(row, { dimension: 'region', value: 'Region not recorded' })).toBe(true);
    expect(isInSlice(row, { dimension: 'model', value: 'Model not recorded' })).toBe(false);
    expect(isInSlice({ ...row, model: null }, { dimension: 'firmware', value: 'Firmware not recorded' })).toBe(true);
  });

  it('matches a firmware slice on its model and firmware, whichever name holds the separator', () => {
    expect(isInSlice(row, { dimension: 'firmware', value: 'M-100 / 1.0' })).toBe(true);
    expect(isInSlice(row, { dimension: 'firmware', value: 'M-101 / 1.0' })).toBe(false);
    expect(isInSlice({ ...row, model: 'A / B' }, { dimension: 'firmware', value: 'A / B / 1.0' })).toBe(true);
    expect(isInSlice({ ...row, firmware: '1 / 2' }, { dimension: 'firmware', value: 'M-100 / 1 / 2' })).toBe(true);
    expect(isInSlice({ ...row, firmware: '1 / 2' }, { dimension: 'firmware', value: 'M-100 / 1' })).toBe(false);
  });

  it('round-trips through the address, and ignores a dimension it does not know', () => {
    const slice = { dimension: 'firmware', value: 'M-100 / 1.0' };
    expect(parseSliceParam(toSliceParam(slice))).toEqual(slice);
    expect(parseSliceParam('response_code:E100')).toBeUndefined();
    expect(parseSliceParam('model')).toBeUndefined();
  });
});
