import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** V8's collector, reached without a command-line flag so that a plain jest run can measure retained memory. */
const gc = runInNewContext('gc') as () => void;

/** Memory reachable from JavaScript and held by Buffers, once garbage is collected: what the process retains. */
function retained(): number {
  // The second pass frees what the first one's finalisers released (Buffers' backing stores).
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * Runs `work` while sampling resident memory (what the 64 MiB budget is about): its peak growth over idle;
 * and what is still retained once it is done and garbage is collected (a stream that kept the file would show it).
 * Collection runs only before and after: in a jest process that has loaded many suites, a full collection every few
 * milliseconds would take longer than the work.
 */
export async function measureRetained<T>(
  work: () => Promise<T>,
  everyMs = 25,
): Promise<{ result: T; retainedGrowth: number; rssGrowth: number }> {
  const idle = retained();
  const idleRss = process.memoryUsage().rss;
  let peakRss = idleRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, everyMs);
  try {
    const result = await work();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { result, retainedGrowth: Math.max(0, retained() - idle), rssGrowth: peakRss - idleRss };
  } finally {
    clearInterval(sampler);
  }
}
