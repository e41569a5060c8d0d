import { build } from 'esbuild';
import vm from 'node:vm';
import type { K6Runtime } from './k6-runtime';

/** What a Portside profile script exports, seen from outside k6. */
export type K6Script = {
  options: {
    scenarios?: Record<string, { exec?: string; executor: string; tags?: Record<string, string> }>;
    thresholds?: Record<string, unknown>;
  };
  setup?: () => unknown;
  handleSummary?: (data: unknown) => Record<string, string>;
  [exported: string]: unknown;
};

/**
 * Bundles a k6 entry the way k6 reads it (ES modules, TypeScript, imports with extensions)
 * with the k6 modules left external, so nothing of Node leaks into the script.
 */
export async function bundleK6Script(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
    external: ['k6', 'k6/*'],
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

/** Runs the bundle's init context in a fresh V8 context holding only k6's globals. */
export function instantiateK6Script(
  code: string,
  runtime: K6Runtime,
  filename = 'script.js',
): K6Script {
  const module = { exports: {} as Record<string, unknown> };
  const requireK6 = (name: string) => {
    if (!(name in runtime.modules))
      throw new Error(`the script imports ${name}, which k6 (and the shim) does not provide`);
    return runtime.modules[name];
  };
  const context = vm.createContext({
    __ENV: { ...runtime.env },
    __VU: 0,
    __ITER: 0,
    console,
    open: () => {
      throw new Error('the k6 shim does not implement open()');
    },
  });
  const wrapper = vm.runInContext(`(function (module, exports, require) {\n${code}\n})`, context, {
    filename,
  });
  wrapper(module, module.exports, requireK6);
  return module.exports as K6Script;
}
