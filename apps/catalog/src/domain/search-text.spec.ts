import {
  didYouMeanOf,
  foldText,
  highlight,
  maxEditsFor,
  relevanceKeyOf,
  searchWords,
} from './search-text';

describe('search words', () => {
  it('folds case and accents as unaccent does', () => {
    expect(foldText('Crème Brûlée STRAßE Øre')).toBe('creme brulee strasse ore');
  });

  it('keeps only letters and digits, at most eight words', () => {
    expect(searchWords('  USB-C   hub, 4K!  ')).toEqual(['usb', 'c', 'hub', '4k']);
    expect(searchWords('!!! ---')).toEqual([]);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
  });

  it('allows more edits to longer words', () => {
    expect([maxEditsFor('pen'), maxEditsFor('lamp'), maxEditsFor('fountian')]).toEqual([0, 1, 2]);
  });

  it('spells the query with its corrections, or says nothing when none was made', () => {
    const corrections = new Map([['fountian', ['fountain', 'mountain']]]);
    expect(didYouMeanOf(['fountian', 'pen'], corrections)).toBe('fountain pen');
    expect(didYouMeanOf(['pen'], corrections)).toBeNull();
  });
});

describe('highlighting a suggestion', () => {
  it('marks the beginning of each word a query word starts', () => {
    expect(highlight('Classic Aster Daypack', ['day', 'cla'])).toEqual([
      { text: 'Cla', match: true },
      { text: 'ssic Aster ', match: false },
      { text: 'Day', match: true },
      { text: 'pack', match: false },
    ]);
  });

  it('matches accented letters of the label by their folded form', () => {
    expect(highlight('Café Mug', ['cafe'])).toEqual([
      { text: 'Café', match: true },
      { text: ' Mug', match: false },
    ]);
  });

  it('marks nothing when no word matches', () => {
    expect(highlight('Linen Throw', ['zzz'])).toEqual([{ text: 'Linen Throw', match: false }]);
  });
});

describe('relevanceKeyOf', () => {
  it('ranks text, lists one letter by name, and no text newest first', () => {
    expect(relevanceKeyOf({ text: 'pens', words: ['pens'] })).toBe('rank');
    expect(relevanceKeyOf({ text: 'nimbus d', words: ['nimbus', 'd'] })).toBe('rank');
    expect(relevanceKeyOf({ text: 'A', words: ['a'] })).toBe('name');
    expect(relevanceKeyOf(undefined)).toBe('newest');
  });
});
