import { isOptionsGroup, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { foldAscii } from '../../common/text.ts';

/**
 * The one filter of every searchable select, multi-select, autocomplete and tags input (set as their
 * default in the theme, App.tsx): case and Turkish letters do not matter, so "istanbul", "sisli" and
 * "kadikoy" find İstanbul, Şişli and Kadıköy, with the same folding as the server's search keys
 * (src/common/text.ts). Every word typed must appear in the label, in any order.
 */
export const foldedOptionsFilter: OptionsFilter = ({ options, search, limit }) => {
  const words = foldAscii(search).split(/\s+/).filter(Boolean);
  return filterFolded(options, words, limit);
};

function filterFolded(options: ComboboxParsedItem[], words: string[], limit: number): ComboboxParsedItem[] {
  const result: ComboboxParsedItem[] = [];
  for (const item of options) {
    if (result.length >= limit) break;
    if (isOptionsGroup(item)) {
      const items = filterFolded(item.items, words, limit - result.length);
      if (items.length > 0) result.push({ group: item.group, items: items as typeof item.items });
      continue;
    }
    const label = foldAscii(item.label);
    if (words.every((w) => label.includes(w))) result.push(item);
  }
  return result;
}
