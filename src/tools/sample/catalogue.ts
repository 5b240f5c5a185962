import type { Role } from '../../pipeline/contract.ts';

/** Fixed facts of the sample world: device models, the SRV mix and the install visit. */
export interface DeviceModel {
  deviceType: string;
  smets: 'SMETS1' | 'SMETS2';
  /** 'North', 'South+Central' or '' for any region (comms hubs depend on the CSP region). */
  region: string;
  manufacturer: string;
  /** Three EUI-64 octets naming the manufacturer. */
  oui: string;
  model: string;
  weight: number;
  failFactor: number;
  rttFactor: number;
  /** firmware:weight:failFactor, oldest first. */
  firmware: string[];
}

const m = (
  deviceType: string,
  smets: 'SMETS1' | 'SMETS2',
  region: string,
  manufacturer: string,
  oui: string,
  model: string,
  weight: number,
  failFactor: number,
  rttFactor: number,
  firmware: string[],
): DeviceModel => ({ deviceType, smets, region, manufacturer, oui, model, weight, failFactor, rttFactor, firmware });

export const DEVICE_MODELS: DeviceModel[] = [
  m('ESME', 'SMETS2', '', 'Voltaro', '70-B3-D5', 'VT-E2A', 40, 1, 1, ['1.4.2:15:3.5', '2.0.1:35:1.2', '2.1.0:50:1']),
  m('ESME', 'SMETS2', '', 'Meterix', '00-1B-C5', 'MX-350', 30, 0.9, 0.9, ['3.0.7:20:2.5', '3.2.1:80:0.9']),
  m('ESME', 'SMETS2', '', 'Kinetra', '8C-1F-64', 'KE-210', 20, 1.8, 1.4, ['0.9.8:30:2', '1.0.3:70:1']),
  m('ESME', 'SMETS2', '', 'Hexcell', 'D8-80-39', 'HX-E7', 10, 1, 1.1, ['7.1:50:1', '7.2:50:0.9']),
  m('ESME', 'SMETS1', '', 'Meterix', '00-1B-C5', 'MX-S1E', 55, 1, 1, ['S1.2.0:40:2.2', 'S1.3.4:60:1']),
  m('ESME', 'SMETS1', '', 'Ferrodyne', '4C-E1-73', 'FD-101', 45, 1.4, 1.3, ['F5.01:50:1.5', 'F5.03:50:1']),
  m('GSME', 'SMETS2', '', 'Gasforge', '9C-65-F9', 'GF-400', 45, 1, 1, ['4.0.2:25:2.8', '4.1.0:75:1']),
  m('GSME', 'SMETS2', '', 'Voltaro', '70-B3-D5', 'VT-G2', 35, 0.8, 0.9, ['2.2.0:100:1']),
  m('GSME', 'SMETS2', '', 'Hexcell', 'D8-80-39', 'HX-G5', 20, 1.3, 1.2, ['5.0:40:1.8', '5.1:60:1']),
  m('GSME', 'SMETS1', '', 'Gasforge', '9C-65-F9', 'GF-S1G', 60, 1.2, 1.1, ['G1.0:50:1.6', 'G1.1:50:1']),
  m('GSME', 'SMETS1', '', 'Ferrodyne', '4C-E1-73', 'FD-G20', 40, 1.5, 1.2, ['F2.10:100:1']),
  m('CHF', 'SMETS2', 'North', 'Commsway', '00-0D-6F', 'CW-N3', 100, 1.3, 1.6, ['N3.1.0:30:2', 'N3.2.2:70:1']),
  m('CHF', 'SMETS2', 'South+Central', 'Telaro', 'F0-AD-4E', 'TL-CS', 60, 1, 1, ['6.4.0:20:2.2', '6.5.1:80:1']),
  m('CHF', 'SMETS2', 'South+Central', 'Meshbridge', '24-A4-3C', 'MB-CM', 40, 1.1, 1.2, ['M2.0:100:1']),
  m('CHF', 'SMETS1', '', 'Legacom', '1C-C0-35', 'LC-S1H', 100, 1.6, 1.5, ['L4.4:40:1.8', 'L4.6:60:1']),
  m('GPF', 'SMETS2', 'North', 'Commsway', '00-0D-6F', 'CW-GPF', 100, 1, 1, ['N3.2.2:100:1']),
  m('GPF', 'SMETS2', 'South+Central', 'Telaro', 'F0-AD-4E', 'TL-GPF', 100, 1, 1, ['6.5.1:100:1']),
  m('GPF', 'SMETS1', '', 'Legacom', '1C-C0-35', 'LC-S1G', 100, 1.2, 1.1, ['L4.6:100:1']),
  m('IHD', 'SMETS2', '', 'Glowlane', '3C-71-BF', 'GL-IHD3', 70, 1, 1, ['3.3:100:1']),
  m('IHD', 'SMETS2', '', 'Homeview', 'B8-27-EB', 'HV-7', 30, 1.2, 1, ['7.0.1:100:1']),
  m('IHD', 'SMETS1', '', 'Glowlane', '3C-71-BF', 'GL-IHD1', 100, 1.1, 1, ['1.9:100:1']),
  m('PPMID', 'SMETS2', '', 'Glowlane', '3C-71-BF', 'GL-PP2', 60, 1, 1, ['2.4:100:1']),
  m('PPMID', 'SMETS2', '', 'Topwise', '5C-CF-7F', 'TW-PP1', 40, 1.3, 1.1, ['1.1.0:100:1']),
  m('PPMID', 'SMETS1', '', 'Topwise', '5C-CF-7F', 'TW-PPS1', 100, 1.4, 1.2, ['0.8:100:1']),
];

/**
 * Request mix per SRV: relative weight of business-as-usual traffic (0 = only inside journeys), median
 * round-trip seconds, base failure probability, and device kind by role where it differs from the
 * default (IS/ES/ED → ESME `E`, GS → GSME `G`; `C` CHF, `P` GPF, `H` IHD/PPMID, `-` no device).
 */
export interface SrvMix {
  srv: string;
  weight: number;
  medianSeconds: number;
  baseFail: number;
  kinds: Partial<Record<Role, string>>;
}

const s = (srv: string, weight: number, medianSeconds: number, baseFail: number, kinds: Partial<Record<Role, string>> = {}): SrvMix => ({
  srv,
  weight,
  medianSeconds,
  baseFail,
  kinds,
});
const CHF = { IS: 'C', GS: 'C' };

export const SRV_MIX: SrvMix[] = [
  s('1.1.1', 2, 20, 0.04),
  s('1.2.1', 3, 18, 0.04),
  s('1.6', 0.6, 22, 0.05),
  s('2.1', 0.6, 20, 0.04),
  s('2.2', 3, 12, 0.03),
  s('2.3', 0.5, 15, 0.04),
  s('3.2', 0.2, 25, 0.05),
  s('4.1.1', 6, 6, 0.03),
  s('4.1.2', 1, 7, 0.03),
  s('4.1.3', 0.3, 8, 0.04),
  s('4.2', 2, 6, 0.03),
  s('4.4.2', 0.3, 9, 0.04),
  s('4.6.1', 14, 8, 0.025),
  s('4.6.2', 3, 8, 0.03),
  s('4.8.1', 20, 10, 0.03),
  s('4.8.2', 0.8, 10, 0.035),
  s('4.8.3', 3, 10, 0.035),
  s('4.10', 1.5, 7, 0.03),
  s('4.12.1', 0.3, 8, 0.04),
  s('4.12.2', 0.5, 8, 0.04),
  s('4.15', 0.3, 7, 0.04),
  s('4.16', 0.6, 5, 0.03),
  s('4.17', 8, 9, 0.03),
  s('5.1', 0.4, 3, 0.02),
  s('5.2', 0.3, 2, 0.01),
  s('5.3', 0.15, 2, 0.02),
  s('6.2.2', 0.2, 12, 0.04),
  s('6.2.4', 0.5, 12, 0.03),
  s('6.2.7', 0.4, 12, 0.03),
  s('6.5', 0.3, 20, 0.05),
  s('6.8', 0.5, 20, 0.04),
  s('6.13', 0.6, 30, 0.05),
  s('6.15.1', 0.3, 35, 0.06),
  s('6.15.2', 0.4, 35, 0.06),
  s('6.17', 0.3, 40, 0.06),
  s('6.18.1', 0.15, 20, 0.05),
  s('6.18.2', 0.15, 20, 0.05),
  s('6.20.1', 0.3, 20, 0.04),
  s('6.21', 0.3, 30, 0.05),
  s('6.22', 0.3, 25, 0.04),
  s('6.23', 0, 30, 0.06),
  s('6.27', 0.15, 20, 0.04),
  s('7.4', 1.5, 8, 0.03),
  s('7.7', 0.15, 10, 0.04),
  s('7.14', 0.15, 10, 0.04),
  s('7.15', 0.15, 10, 0.04),
  s('8.1.1', 0.2, 30, 0.05),
  s('8.2', 0.4, 2, 0.01),
  s('8.4', 0.2, 2, 0.02),
  s('8.7.1', 0.2, 35, 0.06, { IS: 'E', GS: 'G' }),
  s('8.7.2', 0.2, 35, 0.06, { IS: 'H', GS: 'G' }),
  s('8.11', 0.3, 25, 0.05, { IS: 'C', GS: 'P' }),
  s('8.14.1', 0, 2, 0.02, CHF),
  s('8.14.2', 0, 2, 0.02, CHF),
  s('8.14.3', 0.15, 2, 0.02, CHF),
  s('8.14.4', 0.15, 2, 0.02, CHF),
  s('11.1', 0.3, 7200, 0.08, { IS: 'C', GS: 'G' }),
  s('11.2', 1, 10, 0.03),
  s('11.3', 0.3, 60, 0.06),
  s('12.1', 0.2, 3, 0.01, { IS: '-', GS: '-', ES: '-', ED: '-' }),
  s('12.2', 0.3, 3, 0.02),
];

/** Relative request volume by role, applied on top of the SRV weight. */
export const ROLE_WEIGHTS: Record<Role, number> = { IS: 1, GS: 0.55, ES: 0.3, ED: 0.12 };

/** Install visit after the 8.14.1 (offset minutes); `gas` steps only where the installer also supplies gas. */
export const INSTALL_STEPS: Array<{ step: number; srv: string; role: 'IS' | 'GS'; kind: string; offsetMinutes: number }> = [
  { step: 1, srv: '8.11', role: 'IS', kind: 'C', offsetMinutes: 4 },
  { step: 2, srv: '6.21', role: 'IS', kind: 'E', offsetMinutes: 9 },
  { step: 3, srv: '8.1.1', role: 'IS', kind: 'E', offsetMinutes: 14 },
  { step: 4, srv: '8.7.1', role: 'IS', kind: 'E', offsetMinutes: 20 },
  { step: 5, srv: '8.7.2', role: 'IS', kind: 'H', offsetMinutes: 26 },
  { step: 6, srv: '6.20.1', role: 'IS', kind: 'E', offsetMinutes: 31 },
  { step: 7, srv: '1.1.1', role: 'IS', kind: 'E', offsetMinutes: 37 },
  { step: 8, srv: '6.8', role: 'IS', kind: 'E', offsetMinutes: 43 },
  { step: 9, srv: '8.11', role: 'GS', kind: 'P', offsetMinutes: 50 },
  { step: 10, srv: '6.21', role: 'GS', kind: 'G', offsetMinutes: 55 },
  { step: 11, srv: '8.1.1', role: 'GS', kind: 'G', offsetMinutes: 60 },
  { step: 12, srv: '8.7.2', role: 'GS', kind: 'G', offsetMinutes: 66 },
  { step: 13, srv: '6.20.1', role: 'GS', kind: 'G', offsetMinutes: 71 },
  { step: 14, srv: '1.1.1', role: 'GS', kind: 'G', offsetMinutes: 77 },
  { step: 15, srv: '6.8', role: 'GS', kind: 'G', offsetMinutes: 82 },
];
