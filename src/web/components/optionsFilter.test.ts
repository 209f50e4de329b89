import { describe, expect, it } from 'vitest';
import { foldedOptionsFilter } from './optionsFilter.ts';

const options = ['İstanbul', 'İzmir', 'Kadıköy', 'Şişli', 'Çankaya', 'Ağrı', 'Ümraniye'].map((label) => ({
  value: label,
  label,
}));
const labels = (search: string, limit = 100) =>
  foldedOptionsFilter({ options, search, limit }).map((o) => ('label' in o ? o.label : o.group));

describe('the shared options filter', () => {
  it('ignores case and Turkish letters', () => {
    expect(labels('istanbul')).toEqual(['İstanbul']);
    expect(labels('ISTANBUL')).toEqual(['İstanbul']);
    expect(labels('sisli')).toEqual(['Şişli']);
    expect(labels('kadikoy')).toEqual(['Kadıköy']);
    expect(labels('KADIKÖY')).toEqual(['Kadıköy']);
    expect(labels('cankaya')).toEqual(['Çankaya']);
    expect(labels('agri')).toEqual(['Ağrı']);
    expect(labels('umra')).toEqual(['Ümraniye']);
  });

  it('still finds what is typed with the letters, all on empty search, within the limit', () => {
    expect(labels('Şiş')).toEqual(['Şişli']);
    expect(labels('')).toHaveLength(options.length);
    expect(labels('i', 2)).toHaveLength(2);
  });

  it('keeps Arabic labels searchable and filters inside groups', () => {
    const grouped = [
      { group: 'Sık', items: [{ value: 'SY', label: 'سوريا' }] },
      { group: 'Diğer', items: [{ value: 'TR', label: 'Türkiye' }] },
    ];
    const result = foldedOptionsFilter({ options: grouped, search: 'سور', limit: 10 });
    expect(result).toEqual([{ group: 'Sık', items: [{ value: 'SY', label: 'سوريا' }] }]);
    expect(foldedOptionsFilter({ options: grouped, search: 'turk', limit: 10 })).toEqual([
      { group: 'Diğer', items: [{ value: 'TR', label: 'Türkiye' }] },
    ]);
  });
});
