import { useEffect } from 'react';
import { BrowserRouter } from 'react-router';
import { QueryCache, QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import {
  Autocomplete,
  Badge,
  createTheme,
  defaultVariantColorsResolver,
  DirectionProvider,
  MantineProvider,
  MultiSelect,
  Select,
  TagsInput,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';
import { Notifications } from '@mantine/notifications';
// Mantine's scroll lock (react-remove-scroll) injects a <style> through react-style-singleton, which takes its nonce from here.
import { setNonce } from 'get-nonce';
import { directionOf } from '../../common/locales.ts';
import { ApiError, api } from '../api/client.ts';
import { ME_KEY, useMe } from '../api/session.ts';
import type { Me } from '../api/types.ts';
import {
  applyLocale,
  currentLocale,
  markChosenBeforeSignIn,
  rememberLocale,
  wasChosenBeforeSignIn,
} from '../i18n/index.ts';
import { foldedOptionsFilter } from '../components/optionsFilter.ts';
import { AppRoutes } from './routes.tsx';

/** The per-request nonce the server writes into index.html; Mantine puts it on the <style> tags it injects. */
function readStyleNonce(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]');
  const value = meta?.content ?? '';
  return value.startsWith('__') ? '' : value;
}

const styleNonce = readStyleNonce();
if (styleNonce) setNonce(styleNonce);

/**
 * Text on white, and white on a filled badge or button, at WCAG AA contrast (4.5:1) for every palette colour.
 * Mantine's outline, light and subtle variants write in shade 6 and fill with the primary shade (8): too light
 * for small text in red, green, teal, cyan, orange, yellow, lime and pink. Shade 9 is dark enough for most;
 * for the light hues, where even shade 9 is not, a darker tone of it (measured: ≥ 4.8:1 on gray-1 and white).
 * A colour given with its shade (`red.9`) is taken as chosen.
 */
const DARK_TONE: Record<string, string> = {
  yellow: '#a05300',
  orange: '#b83d0c',
  lime: '#49760a',
  green: '#247534',
  teal: '#077856',
};
const FILL_TOO_LIGHT = new Set(['red', 'pink', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange']);

const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return base;
  const dark = DARK_TONE[parsed.color] ?? `var(--mantine-color-${parsed.color}-9)`;
  switch (input.variant) {
    case 'outline':
      return { ...base, color: dark, border: dark, hoverColor: dark };
    case 'light':
    case 'subtle':
      return { ...base, color: dark, hoverColor: dark };
    case 'filled':
      return FILL_TOO_LIGHT.has(parsed.color)
        ? {
            ...base,
            background: dark,
            hover: `color-mix(in srgb, ${dark} 85%, black)`,
            color: 'var(--mantine-color-white)',
          }
        : base;
    default:
      return base;
  }
};

const theme = createTheme({
  variantColorResolver,
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Sentence case reads better than capitals, in Turkish and Arabic alike.
    Badge: Badge.extend({
      defaultProps: { tt: 'none', fw: 600 },
      // A badge keeps its full text: table columns must not squeeze it to an ellipsis.
      styles: { root: { minWidth: 'max-content' } },
    }),
    // One filter for every searchable list: case and Turkish letters do not matter ("sisli" finds Şişli).
    Select: Select.extend({ defaultProps: { filter: foldedOptionsFilter } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { filter: foldedOptionsFilter } }),
    Autocomplete: Autocomplete.extend({ defaultProps: { filter: foldedOptionsFilter } }),
    TagsInput: TagsInput.extend({ defaultProps: { filter: foldedOptionsFilter } }),
  },
});

/** Dimmed text and field errors dark enough for WCAG AA contrast on white. */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      // A session that ends while the app is open (expired, revoked elsewhere): back to sign-in.
      if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(ME_KEY, null);
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Once signed in, the account's saved language rules; a language picked on the sign-in page is saved to it. */
function LocaleSync() {
  const { data: me } = useMe();
  const client = useQueryClient();
  const id = me?.stage === 'active' ? me.id : null;
  const saved = me?.stage === 'active' ? me.locale : null;
  useEffect(() => {
    if (!id || !saved) return;
    const active = currentLocale();
    if (wasChosenBeforeSignIn() && active !== saved) {
      markChosenBeforeSignIn(false);
      api<Me>('/me/preferences', { method: 'PATCH', body: { locale: active } })
        .then((updated) => client.setQueryData(ME_KEY, updated))
        .catch(() => undefined);
      return;
    }
    markChosenBeforeSignIn(false);
    rememberLocale(saved);
    void applyLocale(saved);
  }, [id, saved, client]);
  return null;
}

export function App() {
  return (
    <DirectionProvider initialDirection={directionOf(currentLocale())} detectDirection>
      <MantineProvider
        theme={theme}
        defaultColorScheme="light"
        getStyleNonce={() => styleNonce}
        cssVariablesResolver={cssVariablesResolver}
      >
        <Notifications position="top-center" zIndex={1000} />
        <QueryClientProvider client={queryClient}>
          <LocaleSync />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
