import { describe, expect, it } from 'vitest';
import { isSafeLink, parseNoteFile, renderNoteMarkdown } from '../../src/pipeline/insights/index.ts';

const note = (front: string, body = 'Some **text**.') => `---\n${front}\n---\n${body}\n`;
const FILE = 'content/insights/2025-03/alerts.md';

describe('insight notes', () => {
  it('reads front matter and renders Markdown', () => {
    const parsed = parseNoteFile(
      FILE,
      note(
        'title: "Alert delays: what changed"\ndate: 2025-03-12\naudience: [NWE, FXG]\nbusinessProcess: Meter Reads',
        '# Heading\n\nA [guide](/2025-03/guidance/) and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |',
      ),
    );
    expect(parsed).toMatchObject({ id: 'alerts', title: 'Alert delays: what changed', date: '2025-03-12', audience: ['NWE', 'FXG'] });
    expect(parsed.html).toContain('<h1>Heading</h1>');
    expect(parsed.html).toContain('<a href="/2025-03/guidance/">guide</a>');
    expect(parsed.html).toContain('<td>1</td>');
    expect(parseNoteFile(FILE, note('title: t\ndate: 2025-03-01\naudience: public')).audience).toBe('public');
    expect(parseNoteFile(FILE, note('title: t\ndate: 2025-03-01\naudience: GS')).audience).toBe('GS');
  });

  it('a bad note is one line naming the file and the field', () => {
    const bad = (front: string) => () => parseNoteFile(FILE, note(front));
    expect(bad('title: t\ndate: 12/03/2025\naudience: public')).toThrow(
      /^bad front matter field date: a date YYYY-MM-DD \(content\/insights\/2025-03\/alerts\.md\)$/,
    );
    expect(bad('title: t\ndate: 2025-03-01\naudience: everyone')).toThrow(
      /^bad front matter field audience: .*\(content\/insights\/2025-03\/alerts\.md\)$/,
    );
    expect(bad('title: t\ndate: 2025-03-01\naudience: [nwe]')).toThrow(/^bad front matter field audience\.0: a party id/);
    expect(bad('title: t\ndate: 2025-03-01\naudience: public\nreportItem: NOPE-1')).toThrow(
      /^bad front matter field reportItem: a report item id/,
    );
    expect(bad('title: t\ndate: 2025-03-01\naudience: public\nauthor: me')).toThrow(/^bad front matter field author: /);
    expect(bad('date: 2025-03-01\naudience: public')).toThrow(/^bad front matter field title: /);
    expect(() => parseNoteFile(FILE, 'no front matter')).toThrow(/^note has no front matter between --- lines/);
    expect(bad('title t')).toThrow(/^front matter line is not `key: value`: title t \(content\/insights\/2025-03\/alerts\.md:2\)$/);
  });

  it('sanitises: no raw HTML, no script, no handler, no javascript: or data: link, no image', () => {
    const html = renderNoteMarkdown(
      [
        'Text <script>alert(1)</script> and <b onclick="steal()">bold</b>.',
        '',
        '<div onmouseover="x()">block</div>',
        '',
        '[click](javascript:alert(1)) [data](data:text/html,hi) [plain http](http://x.example/) [ok](https://dcc.example/) [mail](mailto:a@b.example)',
        '',
        '![pixel](https://tracker.example/p.gif) [ref][r]',
        '',
        '[r]: javascript:alert(2)',
        '',
        'Meter data: ten per cent, one = 1.',
      ].join('\n'),
      FILE,
    );
    expect(html).not.toMatch(/<script|onclick|onmouseover|<div|<img|javascript:|data:text|tracker/);
    expect(html).toContain('click');
    expect(html).toContain('<a href="https://dcc.example/">ok</a>');
    expect(html).toContain('<a href="mailto:a@b.example">mail</a>');
    expect(html).not.toContain('href="http://');
    expect(html).toContain('Meter data: ten per cent, one = 1.');
    expect(['/x', '#y', 'https://a', 'mailto:a'].map(isSafeLink)).toEqual([true, true, true, true]);
    expect(['//evil', 'http://a', 'javascript:x', ' JAVASCRIPT:x', 'data:x', 'x.html'].map(isSafeLink)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
