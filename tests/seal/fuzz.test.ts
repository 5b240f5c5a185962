import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SealError,
  buildKeyring,
  deriveRecipientSecrets,
  openSealed,
  parseCredential,
  parseKeyring,
  sealFile,
  unwrapDataKey,
} from '../../src/shared/seal/index.ts';

const dataKey = Uint8Array.from({ length: 32 }, (_, i) => 3 * i);
const ctx = { partySlug: 'abcdefghijklmnop', month: '2025-03', fileName: 'alerts-daily.arrow' };
const credential = { recipientId: 'qrstuvwxyz23', token: Uint8Array.from({ length: 32 }, (_, i) => i) };

/** Only a SealError may come out of a parser: anything else (TypeError, RangeError, …) fails the property. */
async function onlySealErrors(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
  }
}

/** Random edits of a valid input: bit flips, cuts, insertions, overwrites. */
const mutated = (valid: Uint8Array) =>
  fc
    .array(fc.tuple(fc.nat(), fc.nat(255), fc.constantFrom('flip', 'cut', 'insert', 'set')), { minLength: 1, maxLength: 4 })
    .map((edits) => {
      let bytes = Array.from(valid);
      for (const [pos, value, op] of edits) {
        const i = bytes.length ? pos % bytes.length : 0;
        if (op === 'flip') bytes[i] = (bytes[i] ?? 0) ^ (1 << (value % 8));
        if (op === 'cut') bytes = bytes.slice(0, i);
        if (op === 'insert') bytes.splice(i, 0, value);
        if (op === 'set') bytes[i] = value;
      }
      return Uint8Array.from(bytes);
    });

describe('fuzzing the parsers (bounded runs)', () => {
  it('sealed-file parser: random bytes and mutations of a valid file raise only SealError', async () => {
    const valid = await sealFile(new TextEncoder().encode('a,b\n1,2\n'.repeat(20)), dataKey, ctx);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated(valid)), async (bytes) => {
        await onlySealErrors(() => openSealed(bytes, dataKey, ctx));
      }),
      { numRuns: 400 },
    );
  });

  it('keyring parser: random text, random JSON and mutations of a valid keyring raise only SealError', async () => {
    const secrets = await deriveRecipientSecrets(credential);
    const valid = await buildKeyring(ctx, dataKey, [{ recipientId: credential.recipientId, ...secrets }]);
    const jsonBytes = fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v)));
    const keyringLike = fc
      .record({
        format: fc.constantFrom('cars-keyring', 'x'),
        version: fc.constantFrom(1, 2, '1'),
        slug: fc.string(),
        month: fc.string(),
        entries: fc.anything(),
      })
      .map((v) => new TextEncoder().encode(JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), jsonBytes, keyringLike, mutated(valid)), async (bytes) => {
        await onlySealErrors(async () => parseKeyring(bytes));
        await onlySealErrors(() => unwrapDataKey(bytes, credential, ctx));
      }),
      { numRuns: 400 },
    );
  });

  it('credential parser raises only SealError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `#k=qrstuvwxyz23.${s}`),
        ),
        (text) => {
          try {
            parseCredential(text);
          } catch (error) {
            if (!(error instanceof SealError)) throw error;
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseCredential', () => {
  const token = Buffer.from(credential.token).toString('base64url');
  it('accepts a link, a fragment and the pasted key', () => {
    for (const text of [
      `https://reports.example/2025-03/u/abcdefghijklmnop/#k=qrstuvwxyz23.${token}`,
      `#k=qrstuvwxyz23.${token}`,
      `  qrstuvwxyz23.${token}\n`,
    ]) {
      const parsed = parseCredential(text);
      expect(parsed.recipientId).toBe('qrstuvwxyz23');
      expect(parsed.token).toEqual(credential.token);
    }
  });
  it('rejects short tokens, bad recipients and non-canonical base64url as malformed', () => {
    for (const text of [`qrstuvwxyz23.${token.slice(0, -2)}`, `QRSTUVWXYZ23.${token}`, `qrstuvwxyz23.${token.slice(0, -1)}B`, 'nothing']) {
      expect(() => parseCredential(text)).toThrow(SealError);
    }
  });
});
