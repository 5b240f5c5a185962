export { runPackCsv, packCsvDir, prepareCsvTables, writePartyCsvs, type CsvPackResult } from './csvPack.ts';
export { runPackPdf, packWorkDir, PDF_FILE, PDF_CONCURRENCY, type PdfPackOptions, type PdfPackResult } from './pdfPack.ts';
export { findChromium, CHROMIUM_ARGS } from '../../lib/chromium.ts';
export { downloadEntrySchema, withDownloads, parsePartyManifestJson, type DownloadEntry } from './partyDownloads.ts';
