// A WebAuthn server written the way @simplewebauthn/server's docs and example server show it:
// Express, express-session's in-memory store holding one current challenge per browser session,
// GET options endpoints, verify endpoints answering `{ verified }`, `400 { error }` on failure.
// Not ours, on purpose: no session endpoint and no sign-out. Serves the test page from PAGE_DIR.
import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import express from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    currentChallenge?: string;
    pendingUser?: { id: string; username: string };
  }
}

interface User {
  id: string;
  username: string;
  credentials: WebAuthnCredential[];
}

const { PORT = '0', ORIGIN = `http://localhost:${PORT}`, PAGE_DIR = '.' } = process.env;
const rpID = new URL(ORIGIN).hostname;
const users = new Map<string, User>();

const app = express();
app.use(express.static(PAGE_DIR));
app.use(express.json());
app.use(session({ secret: randomBytes(32).toString('hex'), saveUninitialized: true, resave: false, cookie: { httpOnly: true, sameSite: 'lax' } }));

app.get('/generate-registration-options', async (req, res) => {
  const username = typeof req.query.username === 'string' ? req.query.username.trim() : '';
  if (!username) return res.status(400).send({ error: 'username is required' });
  // The example registers more passkeys for its one signed-in user; without sign-in, a taken name is refused.
  if (users.has(username)) return res.status(409).send({ error: 'username is taken' });
  const options = await generateRegistrationOptions({
    rpName: 'SimpleWebAuthn example',
    rpID,
    userName: username,
    userDisplayName: typeof req.query.displayName === 'string' ? req.query.displayName : '',
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  req.session.currentChallenge = options.challenge;
  req.session.pendingUser = { id: options.user.id, username };
  res.send(options);
});

app.post('/verify-registration', async (req, res) => {
  const { currentChallenge, pendingUser } = req.session;
  if (!currentChallenge || !pendingUser) return res.status(400).send({ error: 'No registration under way' });
  try {
    const { verified, registrationInfo } = await verifyRegistrationResponse({
      response: req.body,
      expectedChallenge: currentChallenge,
      expectedOrigin: ORIGIN,
      expectedRPID: rpID,
      requireUserVerification: false,
    });
    if (verified && registrationInfo) {
      users.set(pendingUser.username, { id: pendingUser.id, username: pendingUser.username, credentials: [registrationInfo.credential] });
    }
    req.session.currentChallenge = req.session.pendingUser = undefined;
    res.send({ verified });
  } catch (error) {
    res.status(400).send({ error: (error as Error).message });
  }
});

app.get('/generate-authentication-options', async (req, res) => {
  const username = typeof req.query.username === 'string' ? req.query.username.trim() : '';
  const user = username ? users.get(username) : undefined;
  if (username && !user) return res.status(404).send({ error: 'No such user' });
  const options = await generateAuthenticationOptions({
    rpID,
    userVerification: 'preferred',
    ...(user ? { allowCredentials: user.credentials.map(({ id, transports }) => ({ id, ...(transports ? { transports } : {}) })) } : {}),
  });
  req.session.currentChallenge = options.challenge;
  res.send(options);
});

app.post('/verify-authentication', async (req, res) => {
  const { currentChallenge } = req.session;
  const credential = [...users.values()].flatMap((user) => user.credentials).find(({ id }) => id === req.body?.id);
  if (!currentChallenge || !credential) return res.status(400).send({ error: 'Unknown challenge or credential' });
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response: req.body,
      expectedChallenge: currentChallenge,
      expectedOrigin: ORIGIN,
      expectedRPID: rpID,
      credential,
      requireUserVerification: false,
    });
    if (verified) credential.counter = authenticationInfo.newCounter;
    req.session.currentChallenge = undefined;
    res.send({ verified });
  } catch (error) {
    res.status(400).send({ error: (error as Error).message });
  }
});

const server = app.listen(Number(PORT), 'localhost', () => console.log(`listening on ${ORIGIN}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
