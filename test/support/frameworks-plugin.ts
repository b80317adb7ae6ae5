import { execFileSync } from 'node:child_process';
import type { TestRunnerPlugin } from '@web/test-runner';
import { build, type OutputFile } from 'esbuild';

const root = new URL('../../', import.meta.url).pathname;

/** The framework modules the browser tests import, each as an ES module the page can load. */
const reactModules: Record<string, string> = { react: 'react', 'react-dom-client': 'react-dom/client' };
const served = '/__frameworks/';

/**
 * Lets browser tests render with React and Vue as an app would. React ships CommonJS only: its
 * modules are bundled once (one shared React) into ES modules with every named export. Vue ships
 * a browser build of its own.
 */
export function frameworksPlugin(): TestRunnerPlugin {
  let files: Promise<Map<string, string>> | undefined;
  const specifiers = new Map(Object.entries(reactModules).map(([name, specifier]) => [specifier, `${served}${name}.js`]));
  return {
    name: 'frameworks',
    resolveImport({ source }) {
      if (source === 'vue') return '/node_modules/vue/dist/vue.runtime.esm-browser.js';
      return specifiers.get(source);
    },
    async serve(context) {
      if (!context.path.startsWith(served)) return undefined;
      files ??= bundleReact();
      const body = (await files).get(context.path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}

async function bundleReact(): Promise<Map<string, string>> {
  const result = await build({
    entryPoints: Object.fromEntries(Object.keys(reactModules).map((name) => [name, `entry:${name}`])),
    bundle: true,
    splitting: true,
    format: 'esm',
    write: false,
    outdir: served,
    define: { 'process.env.NODE_ENV': '"development"' },
    plugins: [{
      name: 'named-exports',
      setup(esbuild) {
        esbuild.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path.slice('entry:'.length), namespace: 'entry' }));
        esbuild.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => {
          const specifier = reactModules[args.path]!;
          const names = exportNames(specifier).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
          return {
            resolveDir: root,
            contents: `import * as module from '${specifier}';\nexport default module.default ?? module;\nexport const { ${names.join(', ')} } = module;\n`,
          };
        });
      },
    }],
  });
  return new Map(result.outputFiles.map((file: OutputFile) => [file.path, file.text]));
}

/** The names a CommonJS module exports, read in a Node of its own (the test runner's console is not the one React expects). */
function exportNames(specifier: string): string[] {
  const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as string[];
}
