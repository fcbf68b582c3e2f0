/**
 * An append-only list that can be iterated asynchronously while it grows: each iteration starts at
 * the first item and waits for the next until the list is closed. So a loss chart that subscribes
 * late still sees every step, and two subscribers never steal items from each other.
 */
export class Progress<T> implements AsyncIterable<T> {
  readonly items: T[] = [];
  private closed = false;
  private waiting: (() => void)[] = [];

  push(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((resume) => resume());
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (let next = 0; ; ) {
      if (next < this.items.length) yield this.items[next++];
      else if (this.closed) return;
      else await new Promise<void>((resume) => this.waiting.push(resume));
    }
  }
}
