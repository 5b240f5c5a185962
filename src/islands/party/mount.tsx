import { createRoot } from 'react-dom/client';
import { parseSlugFromPath } from '../../site/credential.ts';
import { PartyApp } from './PartyApp.tsx';

/** Mounted by a script file (no inline hydration code), so the shell works under a strict CSP. */
export function mountPartyApp(): void {
  const host = document.getElementById('party-app');
  const slug = parseSlugFromPath(location.pathname);
  if (!host || !slug) throw new Error('party microsite shell is missing its mount point');
  const month = host.dataset.month ?? '';
  createRoot(host).render(<PartyApp month={month} slug={slug} base={host.dataset.base ?? `/${month}/`} />);
}
