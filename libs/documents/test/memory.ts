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
 * Runs `work` while sampling retained memory and resident memory: the peak growth of each over idle. Retained
 * memory ignores garbage not yet collected, so it shows what a stream holds at once; RSS is what the 64 MiB
 * budget is about.
 */
export async function measureRetained<T>(
  work: () => Promise<T>,
  everyMs = 25,
): Promise<{ result: T; retainedGrowth: number; rssGrowth: number }> {
  const idle = retained();
  const idleRss = process.memoryUsage().rss;
  let peak = idle;
  let peakRss = idleRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, retained());
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, everyMs);
  try {
    const result = await work();
    return { result, retainedGrowth: peak - idle, rssGrowth: peakRss - idleRss };
  } finally {
    clearInterval(sampler);
  }
}
