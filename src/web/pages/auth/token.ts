import { useEffect, useState } from 'react';

/**
 * Reads `#token=…` from the address once and removes it from the address bar and history, so that
 * the link's secret does not stay on screen or in the browser history.
 */
export function useFragmentToken(): string | null {
  const [token] = useState<string | null>(() => {
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    const value = params.get('token');
    return value && value.length >= 20 ? value : null;
  });
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
  }, []);
  return token;
}
