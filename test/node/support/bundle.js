// Bundles one of our TypeScript entry points for a test page (the `development` export condition
// resolves workspace packages to their sources, as in the browser tests).
import { build } from 'esbuild';

/**
 * @param {string} entryPoint Path to a .ts/.js module.
 * @returns {Promise<string>} ES module source.
 */
export async function bundleModule(entryPoint) {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    conditions: ['development'],
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
