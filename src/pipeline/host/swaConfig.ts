import { PARTY_AREA_HEADERS, SECURITY_HEADERS } from './headers.ts';

export const toSwaRole = (slug: string): string => `party-${slug}`;

/**
 * Azure Static Web Apps config: one role per party, one route per month and slug, every
 * other party area denied, and no navigation fallback (no rewrite can land in a party area).
 */
export function buildSwaConfig(slugs: string[], months: string[]): Record<string, unknown> {
  const routes = [];
  for (const month of [...months].sort()) {
    for (const slug of [...slugs].sort()) {
      routes.push({ route: `/${month}/u/${slug}/*`, allowedRoles: [toSwaRole(slug)], headers: PARTY_AREA_HEADERS });
    }
    routes.push({ route: `/${month}/u/*`, allowedRoles: ['cars-nobody'], headers: PARTY_AREA_HEADERS });
  }
  return {
    routes,
    responseOverrides: {
      '401': { redirect: '/.auth/login/aad?post_login_redirect_uri=.referrer', statusCode: 302 },
      '404': { rewrite: '/404.html' },
    },
    globalHeaders: SECURITY_HEADERS,
    mimeTypes: { '.sealed': 'application/octet-stream', '.arrow': 'application/vnd.apache.arrow.file' },
  };
}
