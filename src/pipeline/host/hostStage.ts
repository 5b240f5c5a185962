import { readdir, writeFile, mkdir, chmod } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeDirAtomic } from '../../lib/fsAtomic.ts';
import { MONTH_PATTERN } from '../../lib/month.ts';
import { activeRecipients, readRegistry, type Registry } from '../seal/registry.ts';
import {
  buildHtpasswd,
  buildNginxConfig,
  buildPartyHeadersConf,
  buildSecurityHeadersConf,
  type HostArea,
  type NginxOptions,
} from './nginxConfig.ts';
import { buildSwaConfig } from './swaConfig.ts';

export interface HostConfigOptions {
  secrets: string;
  /** Folder written (default `host`, beside dist). */
  hostDir?: string;
  /** Published output folder; its month folders feed the Azure routes. */
  out: string;
  /** Paths as deployed; default: the local absolute paths. */
  siteRoot?: string;
  configDir?: string;
  listen?: string;
  serverName?: string;
  auth?: NginxOptions['auth'];
}

export const toHostAreas = (registry: Registry): HostArea[] =>
  registry.parties.map((party) => ({
    slug: party.slug,
    principals: activeRecipients(party).map((r) => ({ user: r.recipientId, passwordHash: r.basicAuth })),
  }));

async function listMonths(out: string): Promise<string[]> {
  const entries = await readdir(out, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isDirectory() && MONTH_PATTERN.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** Writes `<host>/nginx/{cars.conf,security-headers.conf,party-headers.conf,htpasswd/<slug>.htpasswd}` and `<host>/staticwebapp.config.json`. */
export async function writeHostConfig(options: HostConfigOptions): Promise<{ hostDir: string; areas: number }> {
  const hostDir = resolve(options.hostDir ?? 'host');
  const registry = await readRegistry(options.secrets);
  const areas = toHostAreas(registry);
  const nginx: NginxOptions = {
    siteRoot: options.siteRoot ?? resolve(options.out),
    configDir: options.configDir ?? join(hostDir, 'nginx'),
    listen: options.listen ?? '443 ssl',
    serverName: options.serverName ?? '_',
    auth: options.auth ?? { kind: 'basic' },
  };
  const months = await listMonths(options.out);
  await writeDirAtomic(hostDir, async (tmp) => {
    await mkdir(join(tmp, 'nginx', 'htpasswd'), { recursive: true, mode: 0o700 });
    await writeFile(join(tmp, 'nginx', 'cars.conf'), buildNginxConfig(areas, nginx));
    await writeFile(join(tmp, 'nginx', 'security-headers.conf'), buildSecurityHeadersConf());
    await writeFile(join(tmp, 'nginx', 'party-headers.conf'), buildPartyHeadersConf());
    for (const area of areas) {
      await writeFile(join(tmp, 'nginx', 'htpasswd', `${area.slug}.htpasswd`), buildHtpasswd(area), { mode: 0o640 });
    }
    const swa = buildSwaConfig(
      areas.map((a) => a.slug),
      months,
    );
    await writeFile(join(tmp, 'staticwebapp.config.json'), `${JSON.stringify(swa, null, 2)}\n`);
    await chmod(tmp, 0o755);
  });
  return { hostDir, areas: areas.length };
}
