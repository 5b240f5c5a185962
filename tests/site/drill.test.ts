import { describe, expect, it } from 'vitest';
import { isChosenSlice, isInSlice, parseSliceParams, toSlice, toSliceParams } from '../../src/islands/party/slice.ts';

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

  it('tells apart two firmware slices that read the same by the model the root-cause row names', () => {
    const cause = { dimension: 'firmware', slice: 'X / Y / Z', model: 'X / Y' };
    const slice = toSlice(cause);
    expect(isInSlice({ ...row, model: 'X / Y', firmware: 'Z' }, slice)).toBe(true);
    expect(isInSlice({ ...row, model: 'X', firmware: 'Y / Z' }, slice)).toBe(false);
    expect(isInSlice({ ...row, model: 'X', firmware: 'Y / Z' }, toSlice({ ...cause, model: 'X' }))).toBe(true);
    // an address from before the model was kept still finds the rows by their text
    expect(isInSlice({ ...row, model: 'X', firmware: 'Y / Z' }, { dimension: 'firmware', value: 'X / Y / Z' })).toBe(true);
  });

  it('knows the root-cause row of the slice shown: its SRV, dimension, text and model', () => {
    const cause = { item_id: 'RR-4.1.1', dimension: 'firmware', slice: 'X / Y / Z', model: 'X / Y' };
    const slice = toSlice(cause);
    expect(isChosenSlice(cause, 'RR-4.1.1', slice)).toBe(true);
    expect(isChosenSlice(cause, 'RR-4.1.2', slice)).toBe(false);
    expect(isChosenSlice({ ...cause, model: 'X' }, 'RR-4.1.1', slice)).toBe(false);
    expect(isChosenSlice({ ...cause, dimension: 'model' }, 'RR-4.1.1', slice)).toBe(false);
    expect(isChosenSlice({ ...cause, slice: 'X / Y / W' }, 'RR-4.1.1', slice)).toBe(false);
    expect(isChosenSlice(cause, 'RR-4.1.1', { dimension: 'firmware', value: 'X / Y / Z' })).toBe(true);
  });

  it('round-trips through the address, and ignores a dimension it does not know', () => {
    const slice = toSlice({ dimension: 'firmware', slice: 'M-100 / 1.0', model: 'M-100' });
    const params = toSliceParams(slice);
    expect(params).toEqual({ slice: 'firmware:M-100 / 1.0', 'slice-model': 'M-100' });
    expect(parseSliceParams(params.slice, params['slice-model'])).toEqual(slice);
    const model = toSlice({ dimension: 'model', slice: 'M-100', model: null });
    expect(toSliceParams(model)).toEqual({ slice: 'model:M-100', 'slice-model': '' });
    expect(parseSliceParams('model:M-100', '')).toEqual(model);
    expect(parseSliceParams('response_code:E100')).toBeUndefined();
    expect(parseSliceParams('model')).toBeUndefined();
  });
});
