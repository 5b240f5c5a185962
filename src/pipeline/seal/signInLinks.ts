import { readFile } from 'node:fs/promises';
import { deriveRecipientSecrets, isSealError, parseCredential, toBase64Url } from '../../shared/seal/index.ts';
import { findPartyBySlug, readRegistry, type IssuedCredential, type Registry } from './registry.ts';
import { linksPath, writePrivateFile } from './secretsDir.ts';

/**
 * `sign-in-links.txt` is the only place a token exists in clear (the registry keeps derived keys),
 * so it holds exactly the current ones: one line per live token, withdrawn ones removed.
 * Line: `<partyId> TAB <link> TAB host user <recipientId> password <password>`.
 */
export interface SignInLink {
  partyId: string;
  month: string;
  slug: string;
  accessKey: string;
  recipientId: string;
  line: string;
}

const LINK = /^\/([^/]+)\/u\/([a-z2-7]{16})\/#k=([a-z2-7]{12})\.([A-Za-z0-9_-]+)$/;

export const toLinkLine = (partyId: string, link: string, issued: IssuedCredential): string =>
  `${partyId}\t${link}\thost user ${issued.recipient.recipientId} password ${issued.password}`;

export function parseLinkLine(line: string): SignInLink | undefined {
  const [partyId, link] = line.split('\t');
  const match = LINK.exec(link ?? '');
  if (!partyId || !match) return undefined;
  const [, month, slug, recipientId, token] = match as unknown as [string, string, string, string, string];
  return { partyId, month, slug, accessKey: `${recipientId}.${token}`, recipientId, line };
}

/** A link is current while its recipient is active and the token is the one the registry derives from. */
export async function isCurrentLink(registry: Registry, link: SignInLink): Promise<boolean> {
  const party = findPartyBySlug(registry, link.slug);
  const recipient = party?.recipients.find((r) => r.recipientId === link.recipientId);
  if (party?.partyId !== link.partyId || recipient?.status !== 'active') return false;
  try {
    const secrets = await deriveRecipientSecrets(parseCredential(link.accessKey));
    return toBase64Url(secrets.check) === recipient.check;
  } catch (error) {
    if (isSealError(error)) return false;
    throw error;
  }
}

async function readLinkLines(secrets: string): Promise<string[]> {
  const text = await readFile(linksPath(secrets), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return text.split('\n').filter((line) => line.trim() !== '');
}

async function filterCurrent(registry: Registry, lines: string[]): Promise<SignInLink[]> {
  const links = lines.map(parseLinkLine).filter((l): l is SignInLink => Boolean(l));
  const current = await Promise.all(links.map((l) => isCurrentLink(registry, l)));
  return links.filter((_, i) => current[i]);
}

/** The links of tokens that still work, in the order they were issued. */
export async function readCurrentSignInLinks(secrets: string): Promise<SignInLink[]> {
  return filterCurrent(await readRegistry(secrets), await readLinkLines(secrets));
}

/** The link's line opening `month` instead, when that month is newer and was sealed for the link's party. */
export function toNewerMonthLine(link: SignInLink, sealed: { month: string; partyIds: readonly string[] }): string {
  if (link.month >= sealed.month || !sealed.partyIds.includes(link.partyId)) return link.line;
  return link.line.replace(`\t/${link.month}/u/`, `\t/${sealed.month}/u/`);
}

/**
 * Rewrite the links file (atomically, 0600) with the lines still current for `registry` plus `added`:
 * call after the registry is written, with the new tokens of an issue or rotate, or none after a revoke.
 * After a seal, `sealed` moves each sealed party's links to that month, so a link sent on opens the newest report.
 */
export async function writeSignInLinks(
  secrets: string,
  registry: Registry,
  added: string[],
  sealed?: { month: string; partyIds: readonly string[] },
): Promise<void> {
  const existing = await readLinkLines(secrets);
  const current = await filterCurrent(registry, existing);
  const kept = current.map((l) => (sealed ? toNewerMonthLine(l, sealed) : l.line));
  const lines = [...kept, ...added.filter((line) => !kept.includes(line))];
  if (lines.length === 0 && existing.length === 0) return;
  await writePrivateFile(linksPath(secrets), lines.length ? `${lines.join('\n')}\n` : '');
}
