import { z } from 'zod';

export const SCALES = ['tiny', 'small', 'large'] as const;
export const scaleSchema = z.enum(SCALES);
export type Scale = z.infer<typeof scaleSchema>;

/** Volumes of one scale; request and alert counts are per month, premise counts for the whole dataset. */
export interface ScaleSpec {
  suppliers: number;
  dnos: number;
  premises: number;
  /** Share of premises installed (8.14.1/8.14.2) during the generated months. */
  installShare: number;
  /** Share of premises that change supplier during the generated months. */
  cosShare: number;
  requestsPerMonth: number;
  alertsPerMonth: number;
  defaultFormat: 'csv' | 'parquet';
}

// Premises carry ~4 devices each (ESME, CHF, IHD/PPMID, and GSME + GPF where there is gas).
export const SCALE_SPECS: Record<Scale, ScaleSpec> = {
  tiny: {
    suppliers: 5,
    dnos: 3,
    premises: 1_150,
    installShare: 0.15,
    cosShare: 0.06,
    requestsPerMonth: 4_000,
    alertsPerMonth: 600,
    defaultFormat: 'csv',
  },
  small: {
    suppliers: 34,
    dnos: 6,
    premises: 23_000,
    installShare: 0.1,
    cosShare: 0.05,
    requestsPerMonth: 1_500_000,
    alertsPerMonth: 120_000,
    defaultFormat: 'csv',
  },
  large: {
    suppliers: 94,
    dnos: 6,
    premises: 470_000,
    installShare: 0.06,
    cosShare: 0.04,
    requestsPerMonth: 50_000_000,
    alertsPerMonth: 3_000_000,
    defaultFormat: 'parquet',
  },
};

/**
 * The alert volume of a month and the per-device room it needs: the scale's own, or `alertsPerRequest` times its
 * requests. Alerts per device and code are capped (9 at the scales' own volumes); a higher volume raises the cap
 * in proportion, so the added alerts spread over the same devices instead of piling up at the cap.
 */
export function toAlertVars(spec: ScaleSpec, alertsPerRequest?: number): { alerts: number; alertCap: number; alertSlots: number } {
  const alerts = alertsPerRequest === undefined ? spec.alertsPerMonth : Math.round(spec.requestsPerMonth * alertsPerRequest);
  const alertCap = Math.ceil(9 * Math.max(1, alerts / spec.alertsPerMonth));
  return { alerts, alertCap, alertSlots: 2 * alertCap + 2 };
}
