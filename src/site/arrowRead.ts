// Deep imports keep the browser bundle to Arrow's reader (no writers, builders or compute).
import { RecordBatchReader } from 'apache-arrow/ipc/reader';
import { Table } from 'apache-arrow/table';

/** Arrow IPC (file or stream format) bytes → Table. */
export function readArrowTable(bytes: Uint8Array): Table {
  return new Table(RecordBatchReader.from(bytes).readAll());
}
