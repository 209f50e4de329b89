import { describe, expect, it } from 'vitest';
import { looksLikeEmail, normaliseEmail, normalisePhone } from './contact.ts';
import { negotiateLocale, directionOf } from './locales.ts';

describe('normalisePhone', () => {
  it.each([
    ['0532 123 45 67', '+905321234567'],
    ['532 123 45 67', '+905321234567'],
    ['+90 (532) 123-45-67', '+905321234567'],
    ['905321234567', '+905321234567'],
    ['0090 532 123 45 67', '+905321234567'],
    ['+963 944 123 456', '+963944123456'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each(['12345', 'abc', '+90 532 123', '0532 123 45 6a', ''])('refuses %s', (input) => {
    expect(normalisePhone(input)).toBeNull();
  });
});

describe('e-mail', () => {
  it('normalises case and spaces', () => {
    expect(normaliseEmail('  Ayse.Yilmaz@IBB.example ')).toBe('ayse.yilmaz@ibb.example');
    expect(looksLikeEmail('ayse@ibb.example')).toBe(true);
    expect(looksLikeEmail('0532 123 45 67')).toBe(false);
  });
});

describe('locales', () => {
  it('negotiates Accept-Language with Turkish as the default', () => {
    expect(negotiateLocale(undefined)).toBe('tr');
    expect(negotiateLocale('ar-SY,ar;q=0.9,en;q=0.5')).toBe('ar');
    expect(negotiateLocale('de-DE,en;q=0.7')).toBe('en');
    expect(negotiateLocale('fr')).toBe('tr');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('tr')).toBe('ltr');
  });
});
