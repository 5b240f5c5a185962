import { PARTY_AREA_HEADERS, SECURITY_HEADERS } from './headers.ts';
import { MONTH_PATTERN } from '../../shared/month.ts';

/** What the host needs per party: its opaque slug and its principals (recipient ids). Never the party id or name. */
export interface HostArea {
  slug: string;
  principals: { user: string; passwordHash: string }[];
}

export interface NginxOptions {
  /** Folder served (the dist folder as deployed). */
  siteRoot: string;
  /** Folder where the generated nginx files live when deployed (for includes and htpasswd paths). */
  configDir: string;
  listen: string;
  serverName: string;
  auth: { kind: 'basic' } | { kind: 'sso'; authUrl: string };
  /** Month `/` leads to (the newest with a landing page); without it `/` is a plain file lookup. */
  frontDoor?: string;
  /** File the server block logs to, in nginx's `combined` format (what `cars usage` reads); else the http block's log. */
  accessLog?: string;
}

const SLUG = '[a-z2-7]{16}';
// the month pattern without its anchors, inside nginx location regexes
const MONTH = MONTH_PATTERN.source.slice(1, -1);
const REALM = 'Customer Analytics Reporting';

const quote = (value: string): string => {
  if (/["\\$\n\r]/.test(value)) throw new Error(`unsafe nginx value: ${value}`);
  return `"${value}"`;
};

const toAddHeaders = (headers: Record<string, string>): string =>
  Object.entries(headers)
    .map(([name, value]) => `add_header ${name} ${quote(value)} always;`)
    .join('\n');

export const buildSecurityHeadersConf = (): string => `# security headers for every response\n${toAddHeaders(SECURITY_HEADERS)}\n`;
/** add_header in a location replaces inherited ones, so party areas repeat the full set. */
export const buildPartyHeadersConf = (): string =>
  `# party areas: security headers + no caching, no indexing\n${toAddHeaders({ ...SECURITY_HEADERS, ...PARTY_AREA_HEADERS })}\n`;

export const buildHtpasswd = (area: HostArea): string => area.principals.map((p) => `${p.user}:${p.passwordHash}\n`).join('');

const indent = (text: string, by = '    '): string =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

function basicAreaLocation(area: HostArea, o: NginxOptions): string {
  return `location ~ "^/${MONTH}/u/${area.slug}/" {
    include ${o.configDir}/party-headers.conf;
    # a principal of another party gets 403 once its own password checks out
    if ($cars_user_area !~ "^(-|${area.slug})$") {
        rewrite ^ /.cars-foreign/$cars_user_area last;
    }
    auth_basic ${quote(REALM)};
    auth_basic_user_file ${o.configDir}/htpasswd/${area.slug}.htpasswd;
    try_files $uri $uri/index.html =404;
}`;
}

function ssoAreaLocation(area: HostArea, o: NginxOptions): string {
  return `location ~ "^/${MONTH}/u/${area.slug}/" {
    include ${o.configDir}/party-headers.conf;
    auth_request /.cars-auth/${area.slug};
    try_files $uri $uri/index.html =404;
}`;
}

function basicShared(o: NginxOptions): string {
  return `location ~ "^/\\.cars-foreign/(?<cars_owner>${SLUG})$" {
    internal;
    include ${o.configDir}/party-headers.conf;
    auth_basic ${quote(REALM)};
    auth_basic_user_file ${o.configDir}/htpasswd/$cars_owner.htpasswd;
    # reached only after authentication: authenticated, but not for this area
    try_files /.cars-none/.none =403;
}`;
}

/** The SSO proxy gets `GET <authUrl><slug>` (authUrl ends with `/`) and answers 2xx, 401 or 403. */
function ssoShared(authUrl: string): string {
  if (!authUrl.endsWith('/')) throw new Error(`SSO auth URL must end with /: ${authUrl}`);
  return `location ^~ /.cars-auth/ {
    internal;
    proxy_pass ${authUrl};
    proxy_pass_request_body off;
    proxy_set_header Content-Length "";
    proxy_set_header X-Original-URI $request_uri;
}`;
}

/** `/` to the newest month's landing page; 302, not 301, since the target moves on each month. */
function frontDoorLocation(month: string): string {
  if (!MONTH_PATTERN.test(month)) throw new Error(`front door is not a month: ${month}`);
  return `# the front door: the newest month's landing page\nlocation = / {\n    absolute_redirect off;\n    return 302 /${month}/;\n}`;
}

/** nginx `http`-level snippet: a map of principals to areas and one server block. */
export function buildNginxConfig(areas: HostArea[], o: NginxOptions): string {
  const sorted = [...areas].sort((a, b) => a.slug.localeCompare(b.slug));
  const basic = o.auth.kind === 'basic';
  const map = basic
    ? `map $remote_user $cars_user_area {\n    default "-";\n${sorted.flatMap((a) => a.principals.map((p) => `    ${quote(p.user)} ${a.slug};`)).join('\n')}\n}\n\n`
    : '';
  const locations = [
    ...(o.frontDoor === undefined ? [] : [frontDoorLocation(o.frontDoor)]),
    `location / {\n    try_files $uri $uri/index.html =404;\n}`,
    ...sorted.map((a) => (basic ? basicAreaLocation(a, o) : ssoAreaLocation(a, o))),
    o.auth.kind === 'basic' ? basicShared(o) : ssoShared(o.auth.authUrl),
    // before the default deny: the same redirect for every slug, real or made up, so it tells nothing
    `# a party address without its slash: to the slash form\nlocation ~ "^/${MONTH}/u/[^/]+$" {\n    include ${o.configDir}/party-headers.conf;\n    absolute_redirect off;\n    return 301 $uri/;\n}`,
    `# default deny: unknown slugs, the area root, any other spelling\nlocation ~* ^/[^/]*/u(/|$) {\n    include ${o.configDir}/party-headers.conf;\n    return 404;\n}`,
    `location ~ /\\. {\n    return 404;\n}`,
  ];
  return `# generated by cars from the recipient registry; regenerate instead of editing
${map}server {
    listen ${o.listen};
    server_name ${o.serverName};
    root ${o.siteRoot};
    index index.html;
    server_tokens off;
    merge_slashes on;
    disable_symlinks on;
    autoindex off;
${o.accessLog === undefined ? '' : `    access_log ${quote(o.accessLog)} combined;\n`}    include ${o.configDir}/security-headers.conf;

${indent(locations.join('\n\n'))}
}
`;
}
