import { useEffect, useRef } from 'react';
import type { Row } from '../../site/arrowRows.ts';
import type { Slice } from './drill.ts';
import { toSliceText } from './slice.ts';
import { formatCell } from './format.ts';

/** Says which slice a failure table is narrowed to, how many failures it holds, and undoes it; the drill-down lands here. */
export function SliceNotice({ slice, srv, rows, onClear }: { slice: Slice; srv: string; rows: readonly Row[]; onClear: () => void }) {
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    notice.current?.scrollIntoView({ block: 'start' });
    notice.current?.focus();
  }, [slice.dimension, slice.value]);
  const failures = rows.reduce((n, r) => n + (typeof r.failures === 'number' ? r.failures : 0), 0);
  return (
    <div className="notice" data-status="slice" ref={notice} tabIndex={-1}>
      <p>
        Failure signifier rows of {srv} where {toSliceText(slice)}: {formatCell('rows', rows.length)} rows,{' '}
        {formatCell('failures', failures)} failures (no response counts as a failure).{' '}
        <button type="button" className="secondary" onClick={onClear}>
          Show every failure row of {srv}
        </button>
      </p>
    </div>
  );
}
