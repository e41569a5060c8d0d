import { RecentAnswers } from './recent-answers';

const bytes = (n: number, fill = 'x') => Buffer.alloc(n, fill);

describe('recent answers', () => {
  it('keeps the last answer per key with its versions', () => {
    const recent = new RecentAnswers(100);
    recent.set('page', '1:1', bytes(10, 'a'));
    recent.set('page', '1:2', bytes(20, 'b'));
    expect(recent.get('page')).toEqual({ versions: '1:2', body: bytes(20, 'b') });
    expect(recent.size).toBe(20);
  });

  it('forgets the oldest answers first to stay within its budget', () => {
    const recent = new RecentAnswers(100);
    recent.set('a', '1:1', bytes(40));
    recent.set('b', '1:1', bytes(40));
    recent.set('c', '1:1', bytes(40));
    expect(recent.get('a')).toBeUndefined();
    expect(recent.get('b')).toBeDefined();
    expect(recent.get('c')).toBeDefined();
    expect(recent.size).toBe(80);
  });

  it('keeps nothing larger than its whole budget', () => {
    const recent = new RecentAnswers(100);
    recent.set('small', '1:1', bytes(10));
    recent.set('huge', '1:1', bytes(101));
    expect(recent.get('huge')).toBeUndefined();
    expect(recent.get('small')).toBeDefined();
  });

  it('keeps its own copy, not a view of the buffer it was given', () => {
    const recent = new RecentAnswers(100);
    const network = bytes(50, 'n');
    recent.set('page', '1:1', network.subarray(10, 20));
    network.fill('z');
    expect(recent.get('page')?.body.toString()).toBe('n'.repeat(10));
  });
});
