import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  arabicStemWord,
  englishStemWord,
  hasArabic,
  labelKeys,
  normalizeArabic,
  queryKeys,
  stemKey,
  taxonomyKey,
  turkishStemWord,
} from './taxonomy-text.ts';

describe('taxonomy search keys', () => {
  it('folds case and Turkish diacritics: asci, AŞÇI, ascı and aşcı meet aşçı', () => {
    const key = taxonomyKey('Aşçı');
    expect(key).toBe('asci');
    for (const typed of ['asci', 'AŞÇI', 'ascı', 'aşcı', 'ASCI', '  aşçı  ']) expect(taxonomyKey(typed)).toBe(key);
    expect(taxonomyKey('KASA GÖREVLİSİ')).toBe('kasa gorevlisi');
    expect(taxonomyKey('Elektrik-Elektronik Teknikeri')).toBe('elektrik elektronik teknikeri');
  });

  it('drops punctuation and apostrophe suffixes', () => {
    expect(taxonomyKey("McDonald's'ta kasiyer!")).toBe('mcdonalds kasiyer');
    expect(taxonomyKey('şoför (B sınıfı)')).toBe('sofor b sinifi');
  });

  it('strips Turkish derivational suffixes as the stem key', () => {
    const stem = (s: string) => stemKey(taxonomyKey(s), 'tr');
    expect(stem('garsonluk')).toBe(stem('garson'));
    expect(stem('kasiyerlik')).toBe(stem('kasiyer'));
    expect(stem('aşçılık')).toBe(stem('aşçı'));
    expect(stem('elektrikçi')).toBe('elektrik');
    expect(stem('ELEKTRİKÇİLİK')).toBe('elektrik');
    expect(stem('çocuk bakıcılığı')).toBe(stem('çocuk bakıcısı'));
    expect(stem('tır şoförlüğü')).toBe(stem('tır şoförü'));
    expect(stem('temizlikçilik')).toBe(stem('temizlikçi'));
    expect(stem('kasa görevlisiyim')).toBe(stem('kasa görevlisi'));
  });

  it('keeps a Turkish stem at least three letters long', () => {
    expect(turkishStemWord('asci').length).toBeGreaterThanOrEqual(3);
    expect(turkishStemWord('cilik')).toBe('cilik');
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,12}$/), (w) => {
        expect(turkishStemWord(w).length).toBeGreaterThanOrEqual(3);
      }),
    );
  });

  it('stems English the simple way', () => {
    expect(englishStemWord('cooking')).toBe('cook');
    expect(englishStemWord('plumbing')).toBe(englishStemWord('plumber'));
    expect(englishStemWord('babysitting')).toBe(englishStemWord('babysitter'));
    expect(englishStemWord('tiling')).toBe(englishStemWord('tiler'));
  });

  it('normalises Arabic spelling variants', () => {
    // hamza forms
    expect(normalizeArabic('أمين')).toBe('امين');
    expect(normalizeArabic('إدخال')).toBe('ادخال');
    expect(normalizeArabic('آلة')).toBe(normalizeArabic('الة'));
    expect(normalizeArabic('سائق')).toBe('سايق');
    expect(normalizeArabic('مؤذن')).toBe('موذن');
    // ta marbuta, alef maqsura
    expect(normalizeArabic('ممرضة')).toBe('ممرضه');
    expect(normalizeArabic('مستشفى')).toBe('مستشفي');
    // tashkeel and tatweel
    expect(normalizeArabic('طَبَّاخ')).toBe('طباخ');
    expect(normalizeArabic('طـبـاخ')).toBe('طباخ');
    // Persian letters and digits
    expect(normalizeArabic('کی ٣')).toBe('كي 3');
  });

  it('lets Arabic variants meet in the search key, and the article and ta marbuta go in the stem', () => {
    expect(taxonomyKey('كهربائى')).toBe(taxonomyKey('كهربائي'));
    expect(taxonomyKey('سايق')).toBe(taxonomyKey('سائق'));
    expect(taxonomyKey('أمين صندوق')).toBe(taxonomyKey('امين صندوق'));
    expect(stemKey(taxonomyKey('الطباخ'), 'ar')).toBe(stemKey(taxonomyKey('طباخ'), 'ar'));
    expect(stemKey(taxonomyKey('ممرضة'), 'ar')).toBe(stemKey(taxonomyKey('ممرض'), 'ar'));
    expect(arabicStemWord('المحاسبون')).toBe('محاسب');
    expect(hasArabic('طباخ')).toBe(true);
    expect(hasArabic('asci')).toBe(false);
  });

  it('builds the keys of a label and of a query the same way', () => {
    const label = labelKeys('Garson', 'tr');
    const query = queryKeys('GARSONLUK');
    expect(query.stemTr).toBe(label.stemKey);
    expect(queryKeys('').key).toBe('');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const k = taxonomyKey(s);
        expect(taxonomyKey(k)).toBe(k);
        expect(k).not.toMatch(/\s{2}|^\s|\s$/);
      }),
    );
  });
});
