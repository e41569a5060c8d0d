import { orderTokens, rememberOrderToken } from './orderTokens';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('order tokens', () => {
  it('keeps every token received, newest first, once each', () => {
    const storage = new MemoryStorage();
    rememberOrderToken('a', storage);
    rememberOrderToken('b', storage);
    rememberOrderToken('a', storage);
    expect(orderTokens(storage)).toEqual(['a', 'b']);
  });

  it('reads nothing from a missing or damaged entry', () => {
    const storage = new MemoryStorage();
    expect(orderTokens(storage)).toEqual([]);
    storage.setItem('portside.orderTokens', '{not json');
    expect(orderTokens(storage)).toEqual([]);
  });
});
