// The reference backend (passkey-elements-server) as a route handler under /api/passkeys, on the
// page's origin. Its settings come from the environment (docs/server.md): ORIGINS must name the
// origin the app is opened at; `next start` runs in production, where email codes need SMTP_URL
// and MAIL_FROM (or EMAIL_VERIFICATION=off and CODE_SIGN_IN=off).
import { configFromEnv, createPasskeyServer, type PasskeyServer } from 'passkey-elements-server';

// Opened on the first request, not when `next build` loads this module.
let server: Promise<PasskeyServer> | undefined;

async function handle(request: Request): Promise<Response> {
  server ??= createPasskeyServer(configFromEnv({ ORIGINS: 'http://localhost:3001', ...process.env }));
  return (await server).fetch(request);
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
