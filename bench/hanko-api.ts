import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';

/**
 * A stand-in for the part of the Hanko API that Hanko Elements 2.7 use for a passkey sign-in with
 * the button: the login flow of Hanko's flow API (`preflight` -> `login_init` -> `login_passkey` ->
 * `success`), with real WebAuthn verification. Nothing else of Hanko is here: no registration
 * flow, no profile, no email passcodes. Like the Hanko API it answers each action at its own URL
 * (the flow id in the query) and its preflights carry no max-age, so a cross-origin page sends a
 * preflight for every request.
 */
export interface HankoStandIn {
  handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void>;
  /** A passkey of a seeded user, in the shape the virtual authenticator's `WebAuthn.addCredential` takes. */
  seedCredential(): VirtualCredential;
}

export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId: string;
  privateKey: string;
  userHandle: string;
  signCount: number;
}

interface StoredCredential {
  userId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
}

interface Flow {
  csrfToken: string;
  challenge?: string;
}

export function createHankoStandIn({ rpId, origins }: { rpId: string; origins: string[] }): HankoStandIn {
  const credentials = new Map<string, StoredCredential>();
  const flows = new Map<string, Flow>();
  const sessions = new Set<string>();

  const action = (flowId: string, name: string, inputs: Record<string, unknown> = {}) => ({
    action: name, href: `/login?action=${name}%40${flowId}`, inputs, description: name,
  });
  const state = (flowId: string, name: string, actions: ReturnType<typeof action>[], payload: unknown = {}) => ({
    name, status: 200, payload, csrf_token: flows.get(flowId)!.csrfToken,
    actions: Object.fromEntries(actions.map((entry) => [entry.action, entry])),
  });
  const assertionInput = { assertion_response: { name: 'assertion_response', type: 'json', required: true, hidden: true } };

  async function step(flowId: string | undefined, actionName: string | undefined, body: { input_data?: Record<string, unknown>; csrf_token?: string }) {
    if (!flowId) {
      const id = randomUUID();
      flows.set(id, { csrfToken: randomBytes(16).toString('hex') });
      return { body: state(id, 'preflight', [action(id, 'register_client_capabilities', {
        webauthn_available: { name: 'webauthn_available', type: 'boolean', required: true, hidden: true },
        webauthn_conditional_mediation_available: { name: 'webauthn_conditional_mediation_available', type: 'boolean', hidden: true },
        webauthn_platform_authenticator_available: { name: 'webauthn_platform_authenticator_available', type: 'boolean', hidden: true },
      })]) };
    }
    const flow = flows.get(flowId);
    if (!flow || body.csrf_token !== flow.csrfToken) return { status: 400, body: { name: 'error', status: 400, error: { code: 'invalid_csrf_token', message: 'The flow or its token is unknown.' } } };
    switch (actionName) {
      case 'register_client_capabilities':
      case 'back':
        return { body: state(flowId, 'login_init', [
          action(flowId, 'continue_with_login_identifier', { email: { name: 'email', type: 'email', required: true, max_length: 120 } }),
          action(flowId, 'webauthn_generate_request_options'),
          action(flowId, 'webauthn_verify_assertion_response', assertionInput),
        ]) };
      case 'webauthn_generate_request_options': {
        const publicKey = await generateAuthenticationOptions({ rpID: rpId, userVerification: 'required' });
        flow.challenge = publicKey.challenge;
        return { body: state(flowId, 'login_passkey', [action(flowId, 'webauthn_verify_assertion_response', assertionInput), action(flowId, 'back')], { request_options: { publicKey } }) };
      }
      case 'webauthn_verify_assertion_response': {
        const assertion = body.input_data?.assertion_response as AuthenticationResponseJSON | undefined;
        const stored = assertion && credentials.get(assertion.id);
        if (!flow.challenge || !assertion || !stored) return { status: 401, body: { name: 'error', status: 401, error: { code: 'passkey_invalid', message: 'Unknown passkey.' } } };
        const { verified, authenticationInfo } = await verifyAuthenticationResponse({
          response: assertion, expectedChallenge: flow.challenge, expectedOrigin: origins, expectedRPID: rpId,
          credential: { id: assertion.id, publicKey: stored.publicKey, counter: stored.counter },
        });
        flows.delete(flowId);
        if (!verified) return { status: 401, body: { name: 'error', status: 401, error: { code: 'passkey_invalid', message: 'Not verified.' } } };
        stored.counter = authenticationInfo.newCounter;
        const token = randomBytes(24).toString('base64url');
        sessions.add(token);
        const expiration = new Date(Date.now() + 12 * 3600_000).toISOString();
        return {
          token,
          body: {
            name: 'success', status: 200, csrf_token: '', actions: {},
            payload: { user: { user_id: stored.userId }, claims: { subject: stored.userId, session_id: randomUUID(), expiration, issued_at: new Date().toISOString() } },
          },
        };
      }
      default:
        return { status: 400, body: { name: 'error', status: 400, error: { code: 'invalid_action', message: `No action ${actionName}.` } } };
    }
  }

  return {
    async handle(request, response, path) {
      const origin = request.headers.origin;
      if (origin && origins.includes(origin)) {
        response.setHeader('access-control-allow-origin', origin);
        response.setHeader('access-control-allow-credentials', 'true');
        response.setHeader('access-control-expose-headers', 'X-Auth-Token, X-Session-Lifetime');
      }
      if (request.method === 'OPTIONS') {
        response.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
        response.setHeader('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '');
        return void response.writeHead(204).end();
      }
      const url = new URL(path, 'http://stand-in');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        void response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
      if (url.pathname === '/sessions/validate') {
        const token = /(?:^|; )hanko=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? request.headers.authorization?.replace(/^Bearer /, '');
        return send(200, { is_valid: !!token && sessions.has(token) });
      }
      if (url.pathname !== '/login' || request.method !== 'POST') return send(404, { code: 404, message: 'Not found' });
      const [actionName, flowId] = (url.searchParams.get('action') ?? '').split('@');
      const body = JSON.parse((await readBody(request)) || '{}') as Parameters<typeof step>[2];
      const result = await step(flowId, actionName || undefined, body);
      const headers: Record<string, string> = result.token
        ? { 'x-auth-token': result.token, 'x-session-lifetime': String(12 * 3600), 'set-cookie': `hanko=${result.token}; Path=/; HttpOnly; SameSite=Lax` }
        : {};
      send(result.status ?? 200, result.body, headers);
    },

    seedCredential() {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
      const id = randomBytes(16);
      const userId = randomUUID();
      credentials.set(id.toString('base64url'), { userId, publicKey: coseP256(Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')), counter: 0 });
      return {
        credentialId: id.toString('base64'), isResidentCredential: true, rpId,
        privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
        userHandle: Buffer.from(userId).toString('base64'), signCount: 0,
      };
    },
  };
}

/** The COSE_Key map of an ES256 public key: kty EC2, alg -7, crv P-256, x, y. */
function coseP256(x: Buffer, y: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, ...x, 0x22, 0x58, 0x20, ...y]);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part)).on('end', () => resolve(Buffer.concat(parts).toString('utf8'))).on('error', reject);
  });
}
