import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile, mkdir, chmod, chown } from 'node:fs/promises';
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
import { buildSwaConfig, toSwaConfigText } from './swaConfig.ts';

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
  /** Group the nginx workers run as (Debian: www-data); the htpasswd files are made readable to it. */
  nginxGroup?: string;
  /** Access log of the server block, `combined` format (`cars usage` reads it). */
  accessLog?: string;
}

/** A group's id from /etc/group; undefined when the group does not exist here. */
async function findGroupId(group: string): Promise<number | undefined> {
  const text = await readFile('/etc/group', 'utf8').catch(() => '');
  const line = text.split('\n').find((l) => l.split(':')[0] === group);
  const gid = Number(line?.split(':')[2]);
  return Number.isInteger(gid) ? gid : undefined;
}

/**
 * htpasswd files: owner read-write, the nginx workers' group read, nobody else. Only root can hand a file to
 * another group, so otherwise the one-line note says what to run.
 */
async function shareWithNginx(dir: string, files: string[], group: string, shown: string): Promise<string | undefined> {
  const gid = await findGroupId(group);
  if (gid === undefined) return `no group ${group} on this machine: make ${shown} readable to the nginx workers' group`;
  if (process.getuid?.() !== 0) return `nginx workers (group ${group}) cannot read ${shown} yet: run  sudo chgrp -R ${group} ${shown}`;
  for (const path of [dir, ...files]) await chown(path, 0, gid);
  return undefined;
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
  const months = await listMonths(options.out);
  // only a month with a landing page can be the front door
  const frontDoor = months.filter((m) => existsSync(join(options.out, m, 'index.html'))).at(-1);
  const nginx: NginxOptions = {
    siteRoot: options.siteRoot ?? resolve(options.out),
    configDir: options.configDir ?? join(hostDir, 'nginx'),
    listen: options.listen ?? '443 ssl',
    serverName: options.serverName ?? '_',
    auth: options.auth ?? { kind: 'basic' },
    frontDoor,
    accessLog: options.accessLog,
  };
  let note: string | undefined;
  await writeDirAtomic(hostDir, async (tmp) => {
    await mkdir(join(tmp, 'nginx'), { mode: 0o755 });
    await mkdir(join(tmp, 'nginx', 'htpasswd'), { mode: 0o750 });
    await writeFile(join(tmp, 'nginx', 'cars.conf'), buildNginxConfig(areas, nginx));
    await writeFile(join(tmp, 'nginx', 'security-headers.conf'), buildSecurityHeadersConf());
    await writeFile(join(tmp, 'nginx', 'party-headers.conf'), buildPartyHeadersConf());
    const files = areas.map((area) => join(tmp, 'nginx', 'htpasswd', `${area.slug}.htpasswd`));
    for (const [i, area] of areas.entries()) await writeFile(files[i]!, buildHtpasswd(area), { mode: 0o640 });
    await chmod(join(tmp, 'nginx', 'htpasswd'), 0o750);
    note = await shareWithNginx(
      join(tmp, 'nginx', 'htpasswd'),
      files,
      options.nginxGroup ?? 'www-data',
      join(hostDir, 'nginx', 'htpasswd'),
    );
    await writeFile(join(tmp, 'staticwebapp.config.json'), toSwaConfigText(buildSwaConfig(months, frontDoor)));
    await chmod(tmp, 0o755);
  });
  if (note) console.log(note);
  return { hostDir, areas: areas.length };
}
