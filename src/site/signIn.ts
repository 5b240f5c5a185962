import { credentialKey, parseSignIn } from './credential.ts';

/** Landing page sign-in: keep the token in this tab's session storage and open the party microsite. */
export function startSignIn(): void {
  const form = document.getElementById('signin-form') as HTMLFormElement | null;
  const error = document.getElementById('signin-error');
  // Read by id: the fields have no name, so the browser never puts them in an address.
  const address = document.getElementById('signin-address') as HTMLInputElement | null;
  const token = document.getElementById('signin-token') as HTMLInputElement | null;
  if (!form || !error || !address || !token) throw new Error('sign-in form is missing');
  const base = form.dataset.base ?? '/';
  const month = form.dataset.month ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const target = parseSignIn(address.value, token.value);
    if ('error' in target) {
      error.textContent = target.error;
      error.hidden = false;
      return;
    }
    if (!target.credential) {
      error.textContent = 'Enter your access token, or paste the full link that ends in #k=….';
      error.hidden = false;
      return;
    }
    sessionStorage.setItem(credentialKey(month, target.slug), target.credential);
    location.assign(`${base}u/${target.slug}/`);
  });
}
