import { createContext, type ReactNode } from 'react';
import type { Row } from '../../site/arrowRows.ts';

/** A root-cause slice as the address keeps it: `model:Model B`, `firmware:M-100 / 1.0` (with its model beside it). */
export interface Slice {
  dimension: string;
  value: string;
  /** A firmware slice's model: the text alone reads the same for (`X / Y`, `Z`) and (`X`, `Y / Z`). */
  model?: string;
}

/**
 * The drill-down of a business process page: one SRV (report item id, '' for all) and one slice of it. The page
 * narrows rows to the slice and writes the notice above them (slice.ts, SliceNotice.tsx: loaded with the page).
 */
export interface Drill {
  itemId: string;
  slice: Slice | undefined;
  /** Show one SRV, narrowed to the slice of a root-cause row when one is given. */
  choose: (itemId: string, cause?: Row) => void;
  /** Whether a root-cause row is the slice shown: its table marks it instead of offering "Show" again. */
  isChosen: (cause: Row) => boolean;
  narrow: (rows: readonly Row[]) => Row[];
  notice: (srv: string, rows: readonly Row[]) => ReactNode;
}

export const DrillContext = createContext<Drill | undefined>(undefined);
