import { describe, expect, it } from 'vitest';
import { readGuidance } from '../../src/site/guidance/index.ts';
import { buildInputRejectsSection, toPercentText } from '../../src/site/guidance/inputRejects.ts';
import { toPlainText } from '../../src/site/guidance/model.ts';
import type { MonthFacts } from '../../src/shared/monthFacts.ts';

const facts = (counts: [file: string, read: number, rejected: number][]): MonthFacts => ({
  month: '2025-10',
  inputRejects: counts.map(([file, rowsRead, rowsRejected]) => ({
    file,
    rowsRead,
    rowsRejected,
    rejectRate: rowsRejected / rowsRead,
    maxRejectRate: 0.5,
  })),
});

describe("the month's rejected input on the guidance pages", () => {
  it('writes a share as a percentage of at most two decimals, never 0 % for a share above nothing', () => {
    expect([0.0008, 0.5, 0.125, 1 / 3, 0.00001, 0].map(toPercentText)).toEqual([
      '0.08%',
      '50%',
      '12.5%',
      '33.33%',
      'less than 0.01%',
      '0%',
    ]);
  });

  it('says one sentence per file that lost rows, in the order given', () => {
    const section = buildInputRejectsSection(
      facts([
        ['parties', 40, 0],
        ['service_requests', 50_000, 40],
        ['alerts', 3_000, 1_500],
      ]),
    );
    expect(section?.blocks[1]).toEqual({
      kind: 'list',
      items: ['0.08% of service requests were rejected.', '50% of alerts were rejected.'],
    });
  });

  it('adds nothing when no row was rejected, or when the build gave no facts', () => {
    const plain = readGuidance().map(toPlainText);
    expect(readGuidance(facts([['service_requests', 100, 0]])).map(toPlainText)).toEqual(plain);
    expect(plain.join('\n')).not.toContain('rejected');
    const overview = readGuidance(facts([['service_requests', 10_000, 8]]))[1];
    expect(overview?.sections.at(-1)?.heading).toBe('Input data this month');
  });
});
