import type { Role } from '../../pipeline/contract.ts';

/**
 * The parties of the sample world. Names are invented and
 * distinctive on purpose (they double as canaries when scanning outputs for leaks).
 */
const SUPPLIER_WORDS = [
  'Northwind',
  'Bramblegate',
  'Copperleaf',
  'Heronsgate',
  'Kestrelmoor',
  'Larkspur',
  'Moorfield',
  'Oakhaven',
  'Pebblebrook',
  'Quillstone',
  'Riverlea',
  'Saltmarsh',
  'Thistledown',
  'Umberlight',
  'Valewind',
  'Wrenfield',
  'Yarrowdale',
  'Zephyrine',
  'Ashgrove',
  'Bluefen',
  'Cinderbrook',
  'Dunmorrow',
  'Elderbay',
  'Foxglade',
  'Glenmere',
  'Hollowell',
  'Juniperhill',
  'Kittiwake',
  'Lanternfield',
  'Marigold',
  'Nettlebright',
  'Orchardine',
  'Puffinway',
  'Quartzlight',
  'Rowanbright',
  'Sundew',
  'Tidewell',
  'Vervain',
  'Willowmere',
  'Yellowhammer',
  'Zincwell',
  'Alderbrook',
  'Brackenlight',
  'Cloudberry',
  'Dapplewood',
  'Emberlyn',
  'Fernhollow',
  'Gorsefield',
  'Hazelwick',
  'Inglenook',
  'Jasperline',
  'Kelpwater',
  'Lumenvale',
  'Meadowsweet',
  'Nimbuswell',
  'Otterlight',
  'Plumbrook',
  'Quinceway',
  'Ravenwatt',
  'Samphire',
  'Tamarisk',
  'Ullswick',
  'Verdigris',
  'Wildthyme',
  'Xanthera',
  'Yewcroft',
  'Zestwell',
  'Amberwatt',
  'Beaconridge',
  'Cobaltine',
  'Driftwatt',
  'Eastlight',
  'Fieldfare',
  'Goldcrest',
  'Harebell',
  'Isleworthy',
  'Jetstreme',
  'Kilnworth',
  'Lodestarr',
  'Millrace',
  'Nightjar',
  'Orielwatt',
  'Primrosa',
  'Quayvolt',
  'Redstart',
  'Skylarke',
  'Teaselby',
  'Umbrella',
  'Vantagely',
  'Waxwing',
  'Yarrowfen',
  'Zennorth',
  'Auklight',
  'Bittern',
];
const SUPPLIER_SUFFIXES = ['Energy', 'Power', 'Gas & Power', 'Utilities', 'Energy Supply'];

const DNOS: Array<{ id: string; name: string; region: string }> = [
  { id: 'NPYL01', name: 'Northern Pylonworks', region: 'North' },
  { id: 'MGRD01', name: 'Midland Gridway', region: 'Central' },
  { id: 'SDWR01', name: 'Southdown Wires', region: 'South' },
  { id: 'HMDN01', name: 'Highmoor Distribution', region: 'North' },
  { id: 'SVLN01', name: 'Severnlink Networks', region: 'Central' },
  { id: 'CCPN01', name: 'Channel Coast Power Networks', region: 'South' },
];

export interface SampleParty {
  partyId: string;
  partyName: string;
  roles: Role[];
  /** Market weight (premises share) for suppliers; 0 for DNOs. */
  share: number;
  /** DNO licence region; empty for suppliers. */
  region: string;
  /** Multiplies every failure probability of requests it sends. */
  failFactor: number;
  /** Multiplies the failure probability of its install journey steps (orchestration problems). */
  installFailFactor: number;
  /** Share of its 8.14.1 installs that get a successful meter read within 30 days. */
  readAfterInstall: number;
  /** Share of N16 at its premises that are followed by an N42. */
  n42Follow: number;
  /** Share of alert deliveries to it that fail. */
  alertFailShare: number;
}

function supplierRoles(i: number): Role[] {
  if (i < 2) return ['IS', 'GS', 'ES'];
  if (i < 5) return i === 4 ? ['IS'] : ['IS', 'GS'];
  if (i % 17 === 9) return ['GS'];
  if (i % 10 === 7) return ['IS'];
  if (i % 10 === 4 || i % 10 === 1) return ['IS', 'GS', 'ES'];
  return ['IS', 'GS'];
}

/** Parties of a scale: `suppliers` suppliers (Zipf-like shares: a few large, a long tail) and `dnos` DNO groups. */
export function buildParties(suppliers: number, dnos: number): SampleParty[] {
  if (suppliers > SUPPLIER_WORDS.length) throw new Error(`at most ${SUPPLIER_WORDS.length} sample suppliers`);
  const list: SampleParty[] = [];
  for (let i = 0; i < suppliers; i++) {
    const word = SUPPLIER_WORDS[i] as string;
    const spread = 0.75 + ((i * 37) % 11) / 20;
    list.push({
      partyId: `${word.slice(0, 4).toUpperCase()}${String(i + 1).padStart(2, '0')}`,
      partyName: `${word} ${SUPPLIER_SUFFIXES[i % SUPPLIER_SUFFIXES.length]}`,
      roles: supplierRoles(i),
      share: 1 / (i + 1) ** 1.15,
      region: '',
      failFactor: i === 2 ? 2.4 : i === 6 ? 1.8 : i === 1 ? 0.6 : spread,
      installFailFactor: i === 3 ? 4 : 1,
      readAfterInstall: i === 4 ? 0.45 : 0.9,
      n42Follow: i === 2 ? 0.4 : 0.88,
      alertFailShare: i % 9 === 5 ? 0.08 : 0.01,
    });
  }
  for (const dno of DNOS.slice(0, dnos)) {
    list.push({
      partyId: dno.id,
      partyName: dno.name,
      roles: ['ED'],
      share: 0,
      region: dno.region,
      failFactor: dno.id === 'SDWR01' ? 1.5 : 0.9,
      installFailFactor: 1,
      readAfterInstall: 0,
      n42Follow: 0,
      alertFailShare: dno.id === 'HMDN01' ? 0.06 : 0.015,
    });
  }
  return list;
}
