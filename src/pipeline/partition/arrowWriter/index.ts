/**
 * The partition's hand-built Arrow writer; import it only through this file.
 *
 * Why it exists: partition used to read each metrics table as JS row objects and build Arrow vectors
 * with apache-arrow's builders. Copying DuckDB's chunk memory straight into Arrow buffers, one party at a
 * time, wrote the same files several times faster in a fraction of the memory (commit 243cae4; the
 * figures were not recorded beyond that; `scripts/bench.ts --stages partition` times it today).
 *
 * What it couples to, and so what an upgrade of `@duckdb/node-api` or `apache-arrow` (both pinned
 * exactly in package.json) can break:
 * - DuckDB's data chunk layout, read through node-api's own bindings (rawVectors.ts): 16-byte string
 *   views with 12 inline bytes, validity as 64-bit words, list vectors as (offset, length) entries over
 *   one child vector, 1-byte booleans;
 * - Arrow's IPC layout as apache-arrow's builders lay it out (buffers.ts, columns.ts, intLists.ts):
 *   validity bitmaps padded to 64 bytes, int32 offsets, a null count, so the files are byte for byte
 *   what apache-arrow would write.
 * tests/partition/arrowBytes.test.ts is the gate: it compares every file with apache-arrow's own.
 */
export { streamTableByParty, type PartyDataHandler, type TableSplit } from './stream.ts';
