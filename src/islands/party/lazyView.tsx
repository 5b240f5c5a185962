import { useEffect, useState, type ComponentType, type ReactNode } from 'react';

type Loaded<P> = { component: ComponentType<P> } | { error: unknown };

/**
 * A component whose code loads when it is first shown, with `loading` in its place meanwhile. Not React's `lazy`:
 * Suspense holds a revealed boundary back until about 300 ms after its fallback appeared, which was most of the
 * time a view took to open. Once loaded, later uses render at once.
 */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
  loading: ReactNode,
  failed: (retry: () => void) => ReactNode,
) {
  let loaded: Loaded<P> | undefined;
  let pending: Promise<Loaded<P>> | undefined;
  const start = (): Promise<Loaded<P>> =>
    (pending ??= load().then(
      (component) => (loaded = { component }),
      (error: unknown) => {
        pending = undefined; // Chromium fetches a failed module again: opening the view again, or retry, tries again
        return { error };
      },
    ));
  function LazyView(props: P) {
    const [state, setState] = useState(loaded);
    useEffect(() => {
      if (state) return;
      let live = true;
      void start().then((next) => live && setState(next));
      return () => {
        live = false;
      };
    }, [state]);
    if (!state) return loading;
    if ('error' in state) return failed(() => setState(undefined));
    const Component = state.component;
    return <Component {...props} />;
  }
  return LazyView;
}
