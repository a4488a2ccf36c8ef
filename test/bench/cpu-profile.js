// CPU profiles over CDP, summarised as the functions with the most self time and the module each
// comes from: evidence of where a slow figure spends its time.

/**
 * Runs `fn` under the V8 sampling profiler.
 * @template T
 * @param {import('puppeteer-core').CDPSession} cdp
 * @param {() => Promise<T>} fn
 * @returns {Promise<{ value: T, profile: any }>}
 */
export async function profileCall(cdp, fn) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  let value;
  let failure;
  try {
    value = await fn();
  } catch (error) {
    failure = error;
  }
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  if (failure) throw failure;
  return { value, profile };
}

/**
 * The module of each line of the unminified page script: esbuild starts each module with a
 * `// path/to/module.ts` comment line.
 * @param {string} script
 */
function moduleIndex(script) {
  const starts = [];
  script.split('\n').forEach((line, index) => {
    const match = /^\/\/ (\S+\.(?:ts|js|mjs))$/.exec(line);
    if (match) starts.push([index, match[1].replace(/^(\.\.\/)+/, '')]);
  });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle][0] <= line) {
        found = starts[middle][1];
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  };
}

/**
 * Self time per function (and for the engine's own work: layout, style and paint show as "(program)"),
 * largest first.
 * @param {any} profile
 * @param {string} script The page script, to name modules.
 * @param {string} scriptUrl
 * @param {number} [limit]
 */
export function topSelfTime(profile, script, scriptUrl, limit = 8) {
  const moduleOf = moduleIndex(script);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const duration = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + duration);
  }
  const byFunction = new Map();
  let total = 0;
  for (const [id, time] of selfMs) {
    const { callFrame } = nodes.get(id);
    if (callFrame.functionName === '(idle)') continue;
    total += time;
    const where = callFrame.url === scriptUrl ? moduleOf(callFrame.lineNumber) : callFrame.url ? callFrame.url.replace(/^.*\//, '') : '';
    const key = `${callFrame.functionName || '(anonymous)'}|${where ?? ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  }
  return {
    totalMs: Math.round(total),
    top: [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([key, time]) => {
        const [name, where] = key.split('|');
        return { function: name, module: where, selfMs: Math.round(time), share: `${Math.round((100 * time) / Math.max(total, 1))}%` };
      }),
  };
}
