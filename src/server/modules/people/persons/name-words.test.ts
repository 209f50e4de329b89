import { describe, expect, it } from 'vitest';
import { correctedQueries, nameWordChanges, wordsOfName } from './name-words.ts';

describe('the vocabulary of name words', () => {
  it('counts a word once per person, even when the name repeats it', () => {
    expect(wordsOfName('ali ali kaya')).toEqual(['ali', 'kaya']);
    expect(wordsOfName('')).toEqual([]);
  });

  it('turns a change of listed names into counts up and down, by word', () => {
    expect(nameWordChanges([], ['ayse nur yilmaz', 'ayse kaya'])).toEqual([
      ['ayse', 2],
      ['kaya', 1],
      ['nur', 1],
      ['yilmaz', 1],
    ]);
    // A rename: the words kept do not change; an erasure (the name becomes '') takes every word out.
    expect(nameWordChanges(['ayse karadutlu'], ['ayse akdutlu'])).toEqual([
      ['akdutlu', 1],
      ['karadutlu', -1],
    ]);
    expect(nameWordChanges(['gulizar silinecekoglu'], [''])).toEqual([
      ['gulizar', -1],
      ['silinecekoglu', -1],
    ]);
    expect(nameWordChanges(['ali veli'], ['ali veli'])).toEqual([]);
  });
});

describe('corrected queries', () => {
  const alt = (word: string, similarity: number) => ({ word, similarity });

  it('keeps the words found as they are and puts the best correction first', () => {
    expect(
      correctedQueries([[alt('ayse', 1)], [alt('yilmaz', 0.44), alt('yildiz', 0.3), alt('yilmazer', 0.3)]], 3),
    ).toEqual([
      ['ayse', 'yilmaz'],
      ['ayse', 'yildiz'],
      ['ayse', 'yilmazer'],
    ]);
  });

  it('ranks word lists by the product of their similarities, and keeps at most the number asked for', () => {
    const lists = correctedQueries(
      [
        [alt('muhammed', 0.7), alt('muhammad', 0.42)],
        [alt('ali', 1), alt('aliye', 0.5)],
      ],
      3,
    );
    expect(lists).toEqual([
      ['muhammed', 'ali'],
      ['muhammad', 'ali'],
      ['muhammed', 'aliye'],
    ]);
  });

  it('finds nothing to search when a word has no alternative at all', () => {
    expect(correctedQueries([[alt('ayse', 1)], []], 3)).toEqual([]);
    expect(correctedQueries([], 3)).toEqual([]);
  });
});
