/** An answer kept in this process, with the cache versions it was rendered at. */
export interface RecentAnswer {
  versions: string;
  body: Buffer;
}

/**
 * The rendered answers this process served last, one per key, within a byte
 * budget: the oldest go first. The caller decides when one may still be used
 * (its versions are still Redis's current ones).
 */
export class RecentAnswers {
  private readonly entries = new Map<string, RecentAnswer>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string): RecentAnswer | undefined {
    return this.entries.get(key);
  }

  /** Keeps a copy of body, so a slice of a larger network buffer does not pin it. */
  set(key: string, versions: string, body: Buffer): void {
    this.delete(key);
    if (body.length > this.budgetBytes) return;
    this.entries.set(key, { versions, body: Buffer.from(body) });
    this.bytes += body.length;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.budgetBytes) break;
      this.delete(oldest);
    }
  }

  get size(): number {
    return this.bytes;
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.body.length;
  }
}
