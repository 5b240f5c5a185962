// A worker thread of the partition stage: writes one share of the datasets (datasets.ts).
import { serveWorker } from '../../lib/worker.ts';
import { writeDatasets } from './datasets.ts';

serveWorker(writeDatasets);
