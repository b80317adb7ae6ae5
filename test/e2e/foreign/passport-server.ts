// A WebAuthn server written the way passport-fido2-webauthn's README and its "todos" example app
// show it: Express, express-session, the SessionChallengeStore (one challenge per session), a
// challenge endpoint that answers `{ user, challenge }` for sign-up and `{ challenge }` for
// sign-in, one verify route for both answering `200 { ok }`, and a sign-out that redirects to
// the home page. Users live in memory instead of the example's SQLite. Serves the test page.
import { randomBytes, randomUUID } from 'node:crypto';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import WebAuthnStrategy, { SessionChallengeStore } from 'passport-fido2-webauthn';

interface User {
  id: number;
  username: string;
  name: string;
  handle: Buffer;
}

const { PORT = '0', PAGE_DIR = '.' } = process.env;
const users: User[] = [];
const credentials = new Map<string, { userId: number; publicKey: string }>();
const store = new SessionChallengeStore();

passport.use(
  new WebAuthnStrategy<User>(
    { store },
    function verify(id, userHandle, done) {
      const credential = credentials.get(id);
      const user = credential && users.find((candidate) => candidate.id === credential.userId);
      if (!credential || !user || !userHandle || !user.handle.equals(userHandle)) return done(null, false, { message: 'Invalid key.' });
      done(null, user, credential.publicKey);
    },
    function register(webauthnUser, id, publicKey, done) {
      const user: User = { id: users.length + 1, username: webauthnUser.name, name: webauthnUser.displayName, handle: webauthnUser.id };
      users.push(user);
      credentials.set(id, { userId: user.id, publicKey });
      done(null, user);
    },
  ),
);
passport.serializeUser<{ id: number; username: string; name: string }>((user, done) => {
  const { id, username, name } = user as User;
  process.nextTick(() => done(null, { id, username, name }));
});
passport.deserializeUser<{ id: number }>((user, done) => process.nextTick(() => done(null, user)));

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
app.use(express.static(PAGE_DIR));
app.use(session({ secret: randomBytes(32).toString('hex'), resave: false, saveUninitialized: false }));
app.use(passport.authenticate('session'));

app.post(
  '/login/public-key',
  passport.authenticate('webauthn', { failureMessage: true, failWithError: true }),
  (_req: express.Request, res: express.Response) => {
    res.json({ ok: true, location: '/' });
  },
  (error: { status?: number }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (Math.floor((error.status ?? 500) / 100) !== 4) return next(error);
    res.json({ ok: false, location: '/login' });
  },
);

app.post('/login/public-key/challenge', (req, res, next) => {
  store.challenge(req, (error, challenge) => {
    if (error) return next(error);
    res.json({ challenge: challenge.toString('base64url') });
  });
});

app.post('/logout', (req, res, next) => {
  req.logout((error) => {
    if (error) return next(error);
    res.redirect('/');
  });
});

app.post('/signup/public-key/challenge', (req, res, next) => {
  const handle = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
  const user = { id: handle, name: String(req.body?.username ?? ''), displayName: String(req.body?.name ?? '') };
  store.challenge(req, { user }, (error, challenge) => {
    if (error) return next(error);
    res.json({ user: { ...user, id: handle.toString('base64url') }, challenge: challenge.toString('base64url') });
  });
});

const server = app.listen(Number(PORT), 'localhost', () => console.log(`listening on http://localhost:${PORT}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
