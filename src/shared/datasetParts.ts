/**
 * Datasets the partition splits into one file per business process, so a process page reads only its
 * process's rows (docs/data-contract.md, "Parts"). Browser code imports this file: keep it free of zod.
 */
export const SPLIT_DATASETS: readonly string[] = ['item_daily', 'item_failures'];

/** A business process as a part id and file name piece: `Import Supplier` → `import-supplier`. */
export const toPartId = (businessProcess: string): string =>
  businessProcess
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** File of one part of a dataset: `item_daily.import-supplier.arrow`. */
export const toPartFile = (name: string, part: string): string => `${name}.${part}.arrow`;
