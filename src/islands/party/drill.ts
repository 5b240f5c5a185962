import { createContext, type ReactNode } from 'react';
import type { Row } from '../../site/arrowRows.ts';

/** A root-cause slice as the address keeps it: `model:Model B`, `firmware:M-100 / 1.0`. */
export interface Slice {
  dimension: string;
  value: string;
}

/**
 * The drill-down of a business process page: one SRV (report item id, '' for all) and one slice of it. The page
 * narrows rows to the slice and writes the notice above them (slice.ts, SliceNotice.tsx: loaded with the page).
 */
export interface Drill {
  itemId: string;
  slice: Slice | undefined;
  choose: (itemId: string, slice?: Slice) => void;
  narrow: (rows: readonly Row[]) => Row[];
  notice: (srv: string, rows: readonly Row[]) => ReactNode;
}

export const DrillContext = createContext<Drill | undefined>(undefined);
