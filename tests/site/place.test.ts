import { describe, expect, it } from 'vitest';
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
});
