import { Fragment } from 'react';
import { Box, List, ScrollArea, Stack, Text, Title } from '@mantine/core';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../i18n/index.ts';
import { InlineLoader } from '../ui.tsx';
import { directionOf, type Locale } from '../../../common/locales.ts';

const SECTIONS = [
  'controller',
  'data',
  'purposes',
  'legalBasis',
  'recipients',
  'retention',
  'rights',
  'apply',
] as const;

/** Paragraphs and "- " bullet lines of a catalogue text. */
export function Paragraphs({ text }: { text: string }) {
  const blocks: { bullets: boolean; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    const bullet = line.startsWith('- ');
    const last = blocks[blocks.length - 1];
    if (bullet && last?.bullets) last.lines.push(line.slice(2));
    else blocks.push({ bullets: bullet, lines: [bullet ? line.slice(2) : line] });
  }
  return (
    <>
      {blocks.map((b, i) =>
        b.bullets ? (
          <List key={i} size="sm" spacing={2}>
            {b.lines.map((l, j) => (
              <List.Item key={j}>{l}</List.Item>
            ))}
          </List>
        ) : (
          <Fragment key={i}>
            {b.lines.map((l, j) => (
              <Text key={j} size="sm">
                {l}
              </Text>
            ))}
          </Fragment>
        ),
      )}
    </>
  );
}

/**
 * The information notice (KVKK art. 10) in the chosen language, the same text the printable form carries
 * (catalogue keys pdf.notice.*), in a scrolling box that the keyboard can scroll too.
 */
export function NoticeText({
  locale,
  organisation,
  office,
  height = 320,
  full = false,
}: {
  locale: Locale;
  organisation: string;
  office: string;
  height?: number;
  /**
   * The whole text in the page's flow, without a box of its own to scroll (the public form on a phone: a
   * 320 px box inside a scrolling page hides most of the notice, and the person must read it all).
   */
  full?: boolean;
}) {
  const { t } = useTranslation();
  // The texts are in the language the notice was given in, which may not be the interface's.
  const ready = useCatalogue(locale);
  if (!ready) return <InlineLoader />;
  const ft = i18next.getFixedT(locale);
  const vars = { organisation, office };
  const text = (
    <Stack gap="xs" p="sm">
      <Title order={3} size="h5">
        {ft('pdf.notice.title')}
      </Title>
      <Text size="sm">{ft('pdf.notice.intro')}</Text>
      {SECTIONS.map((s) => (
        <Stack gap={4} key={s}>
          <Text size="sm" fw={700}>
            {ft(`pdf.notice.${s}.title`)}
          </Text>
          <Paragraphs text={ft(`pdf.notice.${s}.body`, vars)} />
        </Stack>
      ))}
    </Stack>
  );
  if (full)
    return (
      <Box
        component="section"
        aria-label={t('persons.notice.textLabel')}
        lang={locale}
        dir={directionOf(locale)}
        data-testid="notice-text"
        style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}
      >
        {text}
      </Box>
    );
  return (
    <ScrollArea.Autosize
      mah={height}
      type="auto"
      offsetScrollbars
      // The viewport is what scrolls: it takes the focus (keyboard users can scroll the notice) and the name.
      viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('persons.notice.textLabel') }}
      lang={locale}
      dir={directionOf(locale)}
      data-testid="notice-text"
      style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}
    >
      {text}
    </ScrollArea.Autosize>
  );
}
