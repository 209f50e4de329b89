import { describe, expect, it } from 'vitest';
import { isolate } from './index.ts';

describe('isolate: a Turkish name inside a right-to-left sentence', () => {
  it('wraps the value in first-strong isolate … pop isolate in Arabic, once', () => {
    expect(isolate('Gülizar Öztürk', 'ar')).toBe('\u2068Gülizar Öztürk\u2069');
    expect(isolate(isolate('Kuzey Lojistik A.Ş.', 'ar'), 'ar')).toBe('\u2068Kuzey Lojistik A.Ş.\u2069');
    // Two isolates side by side are not one: the pair is wrapped as a whole.
    expect(isolate('\u2068Fatih\u2069 و\u2068Üsküdar\u2069', 'ar')).toBe(
      '\u2068\u2068Fatih\u2069 و\u2068Üsküdar\u2069\u2069',
    );
  });

  it('leaves left-to-right languages and empty values alone', () => {
    expect(isolate('Gülizar Öztürk', 'tr')).toBe('Gülizar Öztürk');
    expect(isolate('Fatih', 'en')).toBe('Fatih');
    expect(isolate('', 'ar')).toBe('');
  });
});
