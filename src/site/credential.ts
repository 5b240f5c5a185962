/** Where a recipient's credential comes from and where it is kept for the browser tab. */
export const credentialKey = (month: string, slug: string): string => `cars:credential:${month}:${slug}`;

/** The credential in a `#k=…` fragment, if any. */
export function parseFragmentCredential(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const value = params.get('k')?.trim();
  return value ? value : undefined;
}

/** The party slug of a microsite path `/<month>/u/<slug>/…`. */
export function parseSlugFromPath(pathname: string): string | undefined {
  const match = /\/u\/([A-Za-z0-9_-]+)\/?/.exec(pathname);
  return match?.[1];
}

export type SignInTarget = { slug: string; credential: string | undefined };

/**
 * Read the sign-in form: the report address (full link, path or bare slug) and an optional token.
 * A full link that carries `#k=` needs no separate token.
 */
export function parseSignIn(address: string, token: string): SignInTarget | { error: string } {
  const text = address.trim();
  if (text === '') return { error: 'Enter the address of your report.' };
  let slug: string | undefined;
  let fromLink: string | undefined;
  if (/^[A-Za-z0-9_-]+$/.test(text)) slug = text;
  else {
    let url: URL;
    try {
      url = new URL(text, 'https://report.invalid/');
    } catch {
      return { error: 'The report address is not a valid link.' };
    }
    slug = parseSlugFromPath(url.pathname);
    fromLink = parseFragmentCredential(url.hash);
  }
  if (!slug) return { error: 'The report address should look like …/u/<code>/.' };
  const credential = token.trim() || fromLink;
  return { slug, credential };
}
