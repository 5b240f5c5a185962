export { writeHostConfig, toHostAreas, type HostConfigOptions } from './hostStage.ts';
export { buildNginxConfig, buildHtpasswd, type HostArea, type NginxOptions } from './nginxConfig.ts';
export { buildSwaConfig, toSwaConfigText, SWA_LIMITS, SWA_USER_ROLE } from './swaConfig.ts';
export { SECURITY_HEADERS, PARTY_AREA_HEADERS, CONTENT_SECURITY_POLICY } from './headers.ts';
