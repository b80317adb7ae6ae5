import { build } from 'vite';
import { gzipSync } from 'zlib';
for (const input of ['src/passkey-login.ts', 'src/core/errors.ts']) {
const r: any = await build({ configFile: false, logLevel: 'silent', root: '/work/main', build: { write: false, minify: true, target: 'es2022', modulePreload: false, rolldownOptions: { input, preserveEntrySignatures: 'exports-only' } } });
const out = (Array.isArray(r) ? r : [r]).flatMap((o: any) => o.output).filter((c: any) => c.type === 'chunk').map((c: any) => c.code).join('');
console.log(input, out.length, gzipSync(out, {level: 9}).length);
}
