import { describe, expect, it } from 'vitest';
import { toChangedSearch, readParams } from '../../src/islands/party/address.ts';
import { toPlace, toSearch } from '../../src/islands/party/place.ts';

describe('a report view in the address', () => {
  it('reads role and view, falling back to the first role and the overview', () => {
    expect(toPlace('?role=ED&view=league', ['IS', 'ED'])).toEqual({ role: 'ED', view: 'league' });
    expect(toPlace('?role=GS&view=league', ['IS', 'ED'])).toEqual({ role: 'IS', view: 'league' });
    expect(toPlace('', ['ED'])).toEqual({ role: 'ED', view: 'overview' });
  });

  it('writes them beside the parameters already there, and reads back what it wrote', () => {
    const search = toSearch('?print=1', { role: 'ED', view: 'bp-meter-reads' });
    expect(search).toBe('?print=1&role=ED&view=bp-meter-reads');
    expect(toPlace(search, ['IS', 'ED'])).toEqual({ role: 'ED', view: 'bp-meter-reads' });
  });

  it('leaves the settings of the view it leaves behind', () => {
    expect(toSearch('?role=IS&view=explore&from=2025-02-03&group=model', { role: 'IS', view: 'league' })).toBe('?role=IS&view=league');
  });
});

describe('the settings of a view in the address', () => {
  it('sets, replaces and removes parameters, keeping role and view, and reads them back', () => {
    const search = toChangedSearch('?role=IS&view=explore&group=model', {
      from: '2025-02-03',
      group: '',
      'mr-4-6-1-causes.pick': 'region',
    });
    expect(search).toBe('?role=IS&view=explore&from=2025-02-03&mr-4-6-1-causes.pick=region');
    expect(readParams(search, ['from', 'group', 'mr-4-6-1-causes.pick'])).toEqual({
      from: '2025-02-03',
      group: '',
      'mr-4-6-1-causes.pick': 'region',
    });
  });

  it('keeps a value with separators whole', () => {
    const search = toChangedSearch('', { slice: 'firmware:M-100 / 1.0&x' });
    expect(readParams(search, ['slice'])).toEqual({ slice: 'firmware:M-100 / 1.0&x' });
  });
});
