import type { Command } from '../command.ts';
import { monthOption, outOption, partyOption, secretsOption, textOption, workOption } from '../options.ts';
import { CarsError } from '../../lib/errors.ts';
import { parseMonth } from '../../lib/month.ts';
import {
  activeRecipients,
  addRecipient,
  findParty,
  readRegistry,
  revokeRecipient,
  rotateRecipient,
  selectRecipient,
  writeRegistry,
  type IssuedCredential,
  type PartyEntry,
} from '../../pipeline/seal/registry.ts';
import { rewrapKeyrings } from '../../pipeline/seal/rewrap.ts';
import { toSignInLink } from '../../pipeline/seal/sealStage.ts';
import { linksPath } from '../../pipeline/seal/secretsDir.ts';
import { toLinkLine, writeSignInLinks } from '../../pipeline/seal/signInLinks.ts';

const ACTIONS = ['add', 'list', 'revoke', 'rotate', 'rewrap'] as const;

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Print the new credential once; returns its line for the links file. */
function printIssued(issued: IssuedCredential, party: PartyEntry, month: string | undefined, secrets: string): string {
  const link = toSignInLink(month ?? '<YYYY-MM>', party.slug, issued.accessKey);
  console.log(`recipient ${issued.recipient.recipientId} (${issued.recipient.name}) — shown once, keep it safe:`);
  console.log(`  report address: /${month ?? '<YYYY-MM>'}/u/${party.slug}/`);
  console.log(`  access key:     ${issued.accessKey} (paste it into the sign-in box; a link holding it would stay in browser history)`);
  console.log(`  host sign-in: user ${issued.recipient.recipientId}, password ${issued.password}`);
  console.log(`also kept in ${linksPath(secrets)} until withdrawn; takes effect at the next build (or run: cars recipients rewrap)`);
  return toLinkLine(party.partyId, link, issued);
}

export const recipients: Command = {
  name: 'recipients',
  summary: 'issue, list, rotate and revoke the access tokens of a party’s recipients',
  usage: 'recipients add|list|revoke|rotate|rewrap [--party P] [--name N] [--recipient ID] [--secrets DIR]',
  allowPositionals: true,
  options: {
    party: partyOption('party id (required for add, revoke, rotate)'),
    name: textOption('NAME', 'recipient name (add), or which recipient to revoke/rotate'),
    recipient: textOption('ID', 'recipient id to revoke/rotate'),
    month: monthOption('month used in the printed sign-in link'),
    secrets: secretsOption('secrets folder (outside the repository and dist)', './secrets'),
    out: outOption('output folder whose built months rewrap updates'),
    work: workOption('work folder whose sealed months rewrap updates'),
  },
  async run(values, positionals) {
    const action = positionals[0];
    if (positionals.length !== 1 || !ACTIONS.includes(action as (typeof ACTIONS)[number]))
      throw new CarsError('expected one action', ACTIONS.join('|'), 'cars recipients');
    const secrets = optionalString(values.secrets) ?? './secrets';
    const partyId = optionalString(values.party);
    const month = values.month === undefined ? undefined : parseMonth(String(values.month));
    const registry = await readRegistry(secrets);
    if (action === 'rewrap') {
      const result = await rewrapKeyrings([optionalString(values.work) ?? 'work', optionalString(values.out) ?? 'dist'], secrets);
      console.log(`keyrings re-wrapped: ${result.rewritten.length}, unchanged: ${result.unchanged.length}`);
      return 0;
    }
    if (action === 'list') {
      const parties = registry.parties.filter((p) => !partyId || p.partyId === partyId);
      if (partyId && parties.length === 0) throw new CarsError('unknown party', partyId, '--party');
      for (const party of parties) {
        console.log(`${party.partyId}  slug ${party.slug}  ${activeRecipients(party).length} active`);
        for (const r of party.recipients)
          console.log(
            `  ${r.recipientId}  ${r.status.padEnd(7)}  ${r.name}  created ${r.createdAt}${r.changedAt ? `  changed ${r.changedAt}` : ''}`,
          );
      }
      return 0;
    }
    if (!partyId) throw new CarsError('--party is required', action, 'cars recipients');
    const by = { recipientId: optionalString(values.recipient), name: optionalString(values.name) };
    if (action === 'add') {
      const issued = await addRecipient(registry, partyId, by.name ?? 'unnamed');
      await writeRegistry(secrets, registry);
      await writeSignInLinks(secrets, registry, [printIssued(issued, findParty(registry, partyId) as PartyEntry, month, secrets)]);
      return 0;
    }
    const recipient = selectRecipient(registry, partyId, by);
    const party = findParty(registry, partyId) as PartyEntry;
    if (action === 'revoke') {
      revokeRecipient(party, recipient);
      await writeRegistry(secrets, registry);
      await writeSignInLinks(secrets, registry, []);
      console.log(`revoked ${recipient.recipientId}; its sign-in links are removed from ${linksPath(secrets)}`);
      console.log(`months sealed from now on get new data keys; takes effect at the next build (or run: cars recipients rewrap)`);
      return 0;
    }
    const issued = await rotateRecipient(party, recipient);
    await writeRegistry(secrets, registry);
    await writeSignInLinks(secrets, registry, [printIssued(issued, party, month, secrets)]);
    console.log('months sealed from now on get new data keys');
    return 0;
  },
};
