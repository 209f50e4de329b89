import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldAscii, searchKey, stripApostropheSuffix, turkishCollator, turkishLower } from './text.ts';
import {
  hasTcknChecksum,
  isValidIdNumber,
  isValidTckn,
  isValidYkn,
  maskIdNumber,
  withTcknChecksum,
} from './identity-number.ts';

describe('Turkish text keys', () => {
  it('lower-cases the Turkish way', () => {
    expect(turkishLower('IŞIK')).toBe('ışık');
    expect(turkishLower('İSTANBUL')).toBe('istanbul');
  });

  it('lets sisli, Şişli and ŞİŞLİ meet', () => {
    expect(new Set([foldAscii('sisli'), foldAscii('Şişli'), foldAscii('ŞİŞLİ')]).size).toBe(1);
    expect(searchKey('Şükrü ÇAĞLAR')).toBe(searchKey('sukru caglar'));
    expect(searchKey('IŞIK')).toBe('isik');
  });

  it('drops suffixes after an apostrophe and keeps Arabic letters', () => {
    expect(stripApostropheSuffix("İstanbul'da")).toBe('İstanbul');
    expect(searchKey('Ankara’ya gidiyor')).toBe('ankara gidiyor');
    expect(searchKey('أحمد الحسن')).toBe('أحمد الحسن');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(searchKey(searchKey(s))).toBe(searchKey(s));
      }),
    );
  });

  it('sorts names in Turkish order', () => {
    expect(['Zeynep', 'Çağlar', 'Cem', 'İlker', 'Ilgaz', 'Ömer', 'Oya'].sort(turkishCollator.compare)).toEqual([
      'Cem',
      'Çağlar',
      'Ilgaz',
      'İlker',
      'Oya',
      'Ömer',
      'Zeynep',
    ]);
  });
});

describe('identity numbers', () => {
  it('accepts valid TCKNs and refuses a wrong check digit', () => {
    expect(isValidTckn('10000000146')).toBe(true);
    expect(isValidTckn('10000000145')).toBe(false);
    expect(isValidTckn('01234567890')).toBe(false);
    expect(isValidTckn('1000000014')).toBe(false);
  });

  it('handles a negative remainder in the tenth digit (JavaScript % is not modulo)', () => {
    // odd sum 5, even sum 36: (35 - 36) % 10 = -1 in JavaScript; the right digit is 9.
    const n = withTcknChecksum('191919191');
    expect(n[9]).toBe('9');
    expect(hasTcknChecksum(n)).toBe(true);
  });

  it('accepts foreigner numbers starting with 99 only as YKN', () => {
    const ykn = withTcknChecksum('991234567');
    expect(isValidYkn(ykn)).toBe(true);
    expect(isValidTckn(ykn)).toBe(false);
    expect(isValidIdNumber('ykn', ykn)).toBe(true);
    expect(isValidYkn('10000000146')).toBe(false);
  });

  it('validates every number built with the checksum, and refuses any single changed digit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{8}$/),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (nine, pos, add) => {
          const valid = withTcknChecksum(nine);
          expect(hasTcknChecksum(valid)).toBe(true);
          const digits = [...valid].map(Number);
          digits[pos] = (digits[pos]! + add) % 10;
          const changed = digits.join('');
          if (changed[0] !== '0') expect(hasTcknChecksum(changed)).toBe(false);
        },
      ),
    );
  });

  it('masks numbers', () => {
    expect(maskIdNumber('12345678950')).toBe('12*******50');
    expect(isValidIdNumber('passport', 'u 1234567')).toBe(true);
  });
});

describe('tax numbers', () => {
  it('checks VKN check digits', async () => {
    const { isValidVkn, withVknChecksum, isValidSgkWorkplaceNumber } = await import('./identity-number.ts');
    expect(isValidVkn('1234567890')).toBe(true);
    expect(isValidVkn('1234567891')).toBe(false);
    expect(isValidVkn('123456789')).toBe(false);
    const built = withVknChecksum('123456789');
    expect(isValidVkn(built)).toBe(true);
    expect(isValidVkn(built.slice(0, 9) + String((Number(built[9]) + 1) % 10))).toBe(false);
    expect(isValidSgkWorkplaceNumber('1 1234 01 01 1234567 034 01 12 000')).toBe(true);
    expect(isValidSgkWorkplaceNumber('12345')).toBe(false);
  });
});
