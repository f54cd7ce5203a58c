import os from 'node:os'

/** Runs `work` over `items` with at most `limit` (default: CPU count) in flight, keeping input order in the result. */
export async function mapBounded<T, R>(
  items: T[],
  work: (item: T) => Promise<R>,
  limit = os.availableParallelism()
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index])
    }
  })
  await Promise.all(workers)
  return results
}
