import { useCallback, useEffect, useState } from 'react';

/** Where the settings of a view live in the address: named parameters beside `role` and `view`, never the credential. */
export const readParams = <K extends string>(search: string, keys: readonly K[]): Record<K, string> => {
  const params = new URLSearchParams(search);
  return Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
};

/** The query with `changes` applied: an empty value removes its parameter (the view's default). */
export function toChangedSearch(search: string, changes: Record<string, string>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  return `?${params.toString()}`;
}

const ADDRESS_CHANGED = 'cars-address';
/** What makes a view's settings read the address again: back and forward, and a change another part of the page made. */
const REREAD_ON = ['popstate', ADDRESS_CHANGED];

/**
 * Settings of a view (a picked dimension, a date range, a drill-down) kept in the address: a copied address reopens
 * them, and back and forward step through them. '' is the default of each.
 */
export function useAddressParams<K extends string>(keys: readonly K[]): [Record<K, string>, (changes: Partial<Record<K, string>>) => void] {
  const id = keys.join('&');
  const [values, setValues] = useState(() => readParams(location.search, keys));
  useEffect(() => {
    const reread = () => {
      const next = readParams(location.search, id.split('&') as K[]);
      setValues((now) => (Object.keys(next).every((k) => next[k as K] === now[k as K]) ? now : next));
    };
    // a drill-down, for one, picks the dimension of its SRV's root-cause table, which is already on the page
    for (const type of REREAD_ON) addEventListener(type, reread);
    return () => {
      for (const type of REREAD_ON) removeEventListener(type, reread);
    };
  }, [id]);
  const change = useCallback((changes: Partial<Record<K, string>>) => {
    setValues((now) => ({ ...now, ...changes }));
    history.pushState(null, '', toChangedSearch(location.search, changes as Record<string, string>));
    dispatchEvent(new Event(ADDRESS_CHANGED));
  }, []);
  return [values, change];
}
