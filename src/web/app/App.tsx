import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { QueryCache, QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import {
  Autocomplete,
  Badge,
  createTheme,
  defaultVariantColorsResolver,
  DirectionProvider,
  MantineProvider,
  mergeThemeOverrides,
  Modal,
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
import { ApiError } from '../api/client.ts';
import { callOp } from '../api/ops.ts';
import { ME_KEY, useMe } from '../api/session.ts';
import { updatePreferences } from '../../common/contracts/identity.ts';
import {
  applyLocale,
  currentLocale,
  markChosenBeforeSignIn,
  rememberLocale,
  wasChosenBeforeSignIn,
} from '../i18n/index.ts';
import { foldedOptionsFilter } from '../components/optionsFilter.ts';
import { DARK_TONE } from '../components/colors.ts';
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
 * Text on white, and white on a filled badge or button, at WCAG AA contrast (4.5:1, with a margin) for every
 * palette colour and shade. Mantine's outline, light and subtle variants write in shade 6 and fill with the
 * primary shade (8), and screens ask for shades such as `teal.8` or `red.8`: too light for small text in red,
 * green, teal, cyan, orange, yellow, lime and pink. A colour that is dark enough is kept as asked; one that is
 * not is replaced by shade 9 of its hue or, for the light hues where even shade 9 is not, by its DARK_TONE.
 */

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
/** Contrast of a colour with white (1 to 21). */
const onWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

/** Contrast of a colour with near-black text (Mantine's dark-9). */
const onDark = (hex: string) => (luminance(hex) + 0.05) / (luminance('#141517') + 0.05);
const isHex = (value: string) => /^#[0-9a-f]{6}$/i.test(value);

/**
 * A fill and the text on it: white when the fill is dark enough, near-black when it is light enough (a pale
 * yellow badge), otherwise the hue's dark tone with white.
 */
function onFill(fill: string, dark: string): { background?: string; hover?: string; color: string } {
  if (!isHex(fill) || onWhite(fill) >= 4.6) return { color: 'var(--mantine-color-white)' };
  if (onDark(fill) >= 7) return { color: 'var(--mantine-color-dark-9)' };
  return { background: dark, hover: dark, color: 'var(--mantine-color-white)' };
}

const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  const palette = parsed.isThemeColor ? input.theme.colors[parsed.color] : undefined;
  if (!palette) return base;
  const dark = DARK_TONE[parsed.color] ?? palette[9];
  const primaryShade =
    typeof input.theme.primaryShade === 'number' ? input.theme.primaryShade : input.theme.primaryShade.light;
  const textVariant = () => {
    const text = palette[parsed.shade ?? 6];
    if (isHex(text) && onWhite(text) >= 4.8) return base;
    return { ...base, color: dark, hoverColor: dark, ...(input.variant === 'outline' ? { border: dark } : {}) };
  };
  switch (input.variant) {
    case 'light':
      // With a shade (`orange.8`), Mantine's light variant fills with that shade; without, it is a tint.
      return parsed.shade !== undefined ? { ...base, ...onFill(palette[parsed.shade], dark) } : textVariant();
    case 'outline':
    case 'subtle':
      return textVariant();
    case 'filled':
      return { ...base, ...onFill(palette[parsed.shade ?? primaryShade], dark) };
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
      callOp(updatePreferences, { body: { locale: active } })
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

/**
 * The theme with what depends on the language: every modal's close button is named ("Kapat", "Close", "إغلاق"), so
 * that no dialog has an unnamed button (axe's button-name), whether or not its page gives it a label.
 */
function useLocalisedTheme() {
  const { t, i18n } = useTranslation();
  return useMemo(
    () =>
      mergeThemeOverrides(
        theme,
        createTheme({
          components: {
            Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } }),
          },
        }),
      ),
    // The language too: whether `t` is a new function after a change of language is react-i18next's business.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
}

export function App() {
  const localised = useLocalisedTheme();
  return (
    <DirectionProvider initialDirection={directionOf(currentLocale())} detectDirection>
      <MantineProvider
        theme={localised}
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
