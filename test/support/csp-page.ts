import type { IncomingMessage, ServerResponse } from 'node:http';

/** The policy a careful site sends: no inline script or style, no eval, Trusted Types for every DOM sink. */
export const STRICT_CSP = "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

interface KoaContext {
  url: string;
  res: ServerResponse;
  req: IncomingMessage;
  respond?: boolean;
}

/**
 * Serves `/csp/passkeys.html` with STRICT_CSP: both elements inside `<passkey-backend>`, loaded by one module script
 * (csp-app.ts) that records every `securitypolicyviolation` in `window.cspViolations`.
 */
export function strictCspPageMiddleware() {
  return async (context: KoaContext, next: () => Promise<void>) => {
    if (context.url !== '/csp/passkeys.html') return next();
    context.respond = false;
    context.res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': STRICT_CSP, 'cache-control': 'no-store' })
      .end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Strict CSP</title><script type="module" src="/test/support/csp-app.ts"></script></head>
<body>
  <passkey-backend api="/api/passkeys">
    <passkey-login no-autofill></passkey-login>
    <passkey-profile></passkey-profile>
  </passkey-backend>
</body>
</html>`);
  };
}
