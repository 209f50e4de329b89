import { Component, lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import i18next from 'i18next';
import { LoadError, PageLoader } from '../components/ui.tsx';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any screen, whatever its props
type AnyComponent = ComponentType<any>;

export type LazyPage<C extends AnyComponent> = LazyExoticComponent<C> & {
  /** Starts loading the page's code now (before it is rendered); the same promise every time. */
  preload: () => Promise<unknown>;
};

/**
 * A screen whose code is loaded when it is first shown (its own chunk, see vite.config.ts), from a module
 * that exports it by name. `preload()` starts the download earlier, e.g. while `/me` is on its way.
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyPage<M[K] & AnyComponent> {
  let loading: Promise<M> | undefined;
  const preload = () => {
    loading ??= load().catch((err: unknown) => {
      // A failed download may be tried again (the network came back, or a retry after reload).
      loading = undefined;
      throw err;
    });
    return loading;
  };
  const page = lazy(async () => ({ default: (await preload())[name] as M[K] & AnyComponent }));
  return Object.assign(page, { preload });
}

interface BoundaryState {
  error: Error | null;
}

/** The browsers' words for a module that could not be fetched (Chromium, Firefox, Safari). */
const CHUNK_FAILED = /dynamically imported module|Importing a module script failed|module script/i;

/**
 * Catches a screen's code that failed to load (offline, or a new release removed the old files while the
 * page was open) and offers to load the page again, which fetches the current release. Other errors go on
 * up as before.
 */
export class PageLoadBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (!CHUNK_FAILED.test(error.message)) throw error;
    return (
      <LoadError
        problem={{ status: 0, code: 'network', detail: i18next.t('common.networkError') }}
        onRetry={() => window.location.reload()}
      />
    );
  }
}

/** Where a lazily loaded screen appears: a spoken loading state while its code arrives. */
export function PageSlot({ children }: { children: ReactNode }) {
  return (
    <PageLoadBoundary>
      <Suspense fallback={<PageLoader />}>{children}</Suspense>
    </PageLoadBoundary>
  );
}
