import { latestEntries } from './latest-entries';

async function* newestFirst(count: number, read: number[]): AsyncGenerator<number> {
  for (let item = count; item >= 1; item -= 1) {
    read.push(item);
    yield item;
  }
}

describe('latestEntries', () => {
  it('keeps the latest items, oldest first, and says there were more without reading past the first one left out', async () => {
    const read: number[] = [];
    expect(await latestEntries(newestFirst(10, read), 3)).toEqual({ items: [8, 9, 10], more: true });
    expect(read).toEqual([10, 9, 8, 7]);
  });

  it('keeps everything when it fits', async () => {
    expect(await latestEntries(newestFirst(3, []), 3)).toEqual({ items: [1, 2, 3], more: false });
    expect(await latestEntries(newestFirst(0, []), 3)).toEqual({ items: [], more: false });
  });
});
