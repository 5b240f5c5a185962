import { CarsError } from '../../lib/errors.ts';
import { PARTY_AREA_HEADERS, SECURITY_HEADERS } from './headers.ts';

/** The one role of the Azure gate: every DCC User's staff hold it; the sealed data separates the parties. */
export const SWA_USER_ROLE = 'dcc_user';

/** Azure Static Web Apps documents both: the config file at most 20 KB, at most 50 distinct roles. */
export const SWA_LIMITS = { bytes: 20 * 1024, roles: 50 } as const;

/**
 * Azure Static Web Apps config: one gate per built month over every party area (`/<month>/u*`, which also
 * covers the area root and slash-less addresses), open to the DCC User role only, never cached. It grows
 * with months, not with parties (docs/host-config.md says what this gives and does not give away).
 */
export function buildSwaConfig(months: string[], frontDoor?: string): Record<string, unknown> {
  const gates = [...months].sort().map((month) => ({ route: `/${month}/u*`, allowedRoles: [SWA_USER_ROLE], headers: PARTY_AREA_HEADERS }));
  // `/` to the newest month's landing page: no role, so it adds no role and about 60 bytes.
  const routes = frontDoor === undefined ? gates : [{ route: '/', redirect: `/${frontDoor}/`, statusCode: 302 }, ...gates];
  return {
    routes,
    trailingSlash: 'always',
    responseOverrides: {
      '401': { redirect: '/.auth/login/aad?post_login_redirect_uri=.referrer', statusCode: 302 },
      '404': { rewrite: '/404.html' },
    },
    globalHeaders: SECURITY_HEADERS,
    mimeTypes: { '.sealed': 'application/octet-stream', '.arrow': 'application/vnd.apache.arrow.file', '.pem': 'text/plain' },
  };
}

/** The file as written, refused when it would break a documented limit. */
export function toSwaConfigText(config: Record<string, unknown>): string {
  const text = `${JSON.stringify(config, null, 1)}\n`;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > SWA_LIMITS.bytes)
    throw new CarsError(
      'Azure Static Web Apps config over its 20 KB limit',
      `${bytes} bytes`,
      'host config: archive older months off the host',
    );
  const roles = new Set(((config.routes ?? []) as { allowedRoles?: string[] }[]).flatMap((r) => r.allowedRoles ?? []));
  if (roles.size > SWA_LIMITS.roles)
    throw new CarsError('Azure Static Web Apps config over its 50-role limit', `${roles.size} roles`, 'host config');
  return text;
}
