import { makeVector, vectorFromArray, Utf8 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { toStrings } from '../../src/pipeline/audit/read.ts';

describe('text columns as the audit reads them', () => {
  it('gives what the column holds, nulls as null, across batches and in any script', () => {
    const first = ['IS', null, 'Crédit', '', 'IS', 'Nörth / 1.2'];
    const second = [null, '北', 'IS', 'Crédit'];
    const vector = vectorFromArray(first, new Utf8()).concat(vectorFromArray(second, new Utf8()));
    expect(vector.data).toHaveLength(2);
    const values = toStrings(vector);
    expect(values).toEqual([...first, ...second]);
    expect(values).toEqual(Array.from(vector));
  });
  it('reads a slice of a column from its own first row', () => {
    const whole = vectorFromArray(['a', null, 'bb', 'ccc', null, 'dddd'], new Utf8());
    const slice = makeVector(whole.data[0]!.slice(2, 3));
    expect(toStrings(slice)).toEqual(['bb', 'ccc', null]);
  });
});
