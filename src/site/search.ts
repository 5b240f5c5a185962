import lunr from 'lunr';
import { searchIndexSchema } from './guidance/searchIndex.ts';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing element #${id}`);
  return found as T;
}

/** Wire the guidance search form: load the prebuilt lunr index once, then show hits as links. */
export function startSearch(): void {
  const form = element<HTMLFormElement>('search-form');
  const input = element<HTMLInputElement>('search-query');
  const status = element('search-status');
  const results = element<HTMLOListElement>('search-results');
  const base = form.dataset.base ?? '/';
  let loaded: Promise<{ index: lunr.Index; docs: Map<string, { title: string; path: string; excerpt: string }> }> | undefined;

  const load = () =>
    (loaded ??= fetch(form.dataset.index ?? '')
      .then((response) => {
        if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
        return response.json();
      })
      .then((json: unknown) => {
        const file = searchIndexSchema.parse(json);
        return { index: lunr.Index.load(file.index as object), docs: new Map(file.docs.map((d) => [d.ref, d])) };
      }));

  const run = async (query: string) => {
    results.replaceChildren();
    if (query.trim() === '') {
      status.textContent = 'Type one or more words to search for.';
      return;
    }
    const { index, docs } = await load();
    let hits: lunr.Index.Result[];
    try {
      hits = index.search(query);
    } catch {
      hits = index.query((q) => q.term(lunr.tokenizer(query), { wildcard: lunr.Query.wildcard.TRAILING }));
    }
    status.textContent = hits.length === 0 ? `No guidance section matches \u201c${query}\u201d.` : `${hits.length} matching sections.`;
    for (const hit of hits) {
      const doc = docs.get(hit.ref);
      if (!doc) continue;
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = base + doc.path;
      link.textContent = doc.title;
      const excerpt = document.createElement('p');
      excerpt.textContent = doc.excerpt;
      item.append(link, excerpt);
      results.append(item);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    run(input.value).catch((error: unknown) => {
      status.textContent = `Search is unavailable: ${(error as Error).message}`;
    });
  });
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    form.requestSubmit();
  }
}
