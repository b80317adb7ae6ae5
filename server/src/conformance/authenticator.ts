/**
 * A software passkey authenticator: makes real WebAuthn responses (ES256, attestation "none")
 * without a browser, and keeps discoverable credentials per RP ID like a passkey manager.
 * Options let a check break exactly one thing (origin, RP ID, UV flag, ...).
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

export interface StoredCredential {
  id: Buffer;
  rpId: string;
  userHandle: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  signCount: number;
}

/** Ways to make a ceremony deviate from what a correct browser and authenticator would do. */
export interface CeremonyOverrides {
  /** The origin the "browser" puts in the client data. */
  origin: string;
  /** Hash this RP ID into the authenticator data instead of the requested one. */
  rpId?: string;
  /** Clear the UV flag (the user was present but not verified). */
  userVerified?: boolean;
  /** Replace fields of the client data, e.g. its type or challenge. */
  clientData?: Record<string, unknown>;
}

type CborValue = Parameters<typeof isoCBOR.encode>[0];

const flags = { userPresent: 0x01, userVerified: 0x04, backupEligible: 0x08, backedUp: 0x10, attestedData: 0x40 };

export class SoftwareAuthenticator {
  readonly credentials: StoredCredential[] = [];
  /** Passkeys of a synced manager are backup eligible and backed up. */
  readonly backedUp: boolean;
  /** Some passkey managers never count; then the counter stays 0. */
  readonly countsSignatures: boolean;
  /** The model's AAGUID; random unless given as a UUID string. */
  readonly aaguid: Buffer;
  /** What the "browser" reports as the credential's transports. */
  readonly transports: string[];

  constructor(
    options: { backedUp?: boolean; countsSignatures?: boolean; aaguid?: string; transports?: string[] } = {},
  ) {
    this.backedUp = options.backedUp ?? true;
    this.countsSignatures = options.countsSignatures ?? true;
    this.aaguid = options.aaguid === undefined ? randomBytes(16) : Buffer.from(options.aaguid.replaceAll('-', ''), 'hex');
    this.transports = options.transports ?? ['internal', 'hybrid'];
  }

  /** `navigator.credentials.create()`: a new discoverable credential, replacing one for the same user. */
  create(options: PublicKeyCredentialCreationOptionsJSON, overrides: CeremonyOverrides): RegistrationResponseJSON {
    const rpId = options.rp.id ?? new URL(overrides.origin).hostname;
    const userHandle = Buffer.from(options.user.id, 'base64url');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credential: StoredCredential = { id: randomBytes(16), rpId, userHandle, privateKey, publicKey, signCount: 0 };
    const sameUser = this.credentials.findIndex((stored) => stored.rpId === rpId && stored.userHandle.equals(userHandle));
    if (sameUser >= 0) this.credentials.splice(sameUser, 1);
    this.credentials.push(credential);

    const clientDataJSON = clientData('webauthn.create', options.challenge, overrides);
    const attestedCredentialData = Buffer.concat([
      this.aaguid,
      uint16(credential.id.length),
      credential.id,
      coseKey(publicKey),
    ]);
    const authenticatorData = Buffer.concat([
      authenticatorDataHeader(overrides.rpId ?? rpId, this.flagsFor(overrides) | flags.attestedData, 0),
      attestedCredentialData,
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, CborValue>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, CborValue>()],
        ['authData', new Uint8Array(authenticatorData)],
      ]),
    );
    return envelope(credential.id, {
      clientDataJSON: clientDataJSON.toString('base64url'),
      attestationObject: Buffer.from(attestationObject).toString('base64url'),
      transports: this.transports,
    });
  }

  /**
   * `navigator.credentials.get()`: signs with the first credential of the RP that the options
   * allow, or with `credentialId` when given (as if the user picked it).
   */
  get(
    options: PublicKeyCredentialRequestOptionsJSON,
    overrides: CeremonyOverrides & { credentialId?: string; omitUserHandle?: boolean },
  ): AuthenticationResponseJSON {
    const rpId = options.rpId ?? new URL(overrides.origin).hostname;
    const allowed = options.allowCredentials?.map((descriptor) => descriptor.id) ?? [];
    const credential = this.credentials.find(
      (stored) =>
        stored.rpId === rpId &&
        (overrides.credentialId === undefined || stored.id.toString('base64url') === overrides.credentialId) &&
        (overrides.credentialId !== undefined || allowed.length === 0 || allowed.includes(stored.id.toString('base64url'))),
    );
    if (credential === undefined) throw new Error(`No credential for ${rpId} matches the request`);
    if (this.countsSignatures) credential.signCount += 1;

    const clientDataJSON = clientData('webauthn.get', options.challenge, overrides);
    const authenticatorData = authenticatorDataHeader(
      overrides.rpId ?? rpId,
      this.flagsFor(overrides),
      credential.signCount,
    );
    const clientDataHash = createHash('sha256').update(clientDataJSON).digest();
    // node:crypto signs EC keys in DER, which is the encoding WebAuthn uses for ES256.
    const signature = sign('sha256', Buffer.concat([authenticatorData, clientDataHash]), credential.privateKey);
    return envelope(credential.id, {
      clientDataJSON: clientDataJSON.toString('base64url'),
      authenticatorData: authenticatorData.toString('base64url'),
      signature: signature.toString('base64url'),
      ...(overrides.omitUserHandle === true ? {} : { userHandle: credential.userHandle.toString('base64url') }),
    });
  }

  private flagsFor(overrides: CeremonyOverrides): number {
    let value = flags.userPresent;
    if (overrides.userVerified !== false) value |= flags.userVerified;
    if (this.backedUp) value |= flags.backupEligible | flags.backedUp;
    return value;
  }
}

function clientData(type: string, challenge: string, overrides: CeremonyOverrides): Buffer {
  const data = { type, challenge, origin: overrides.origin, crossOrigin: false, ...overrides.clientData };
  return Buffer.from(JSON.stringify(data), 'utf8');
}

function authenticatorDataHeader(rpId: string, flagBits: number, signCount: number): Buffer {
  const rpIdHash = createHash('sha256').update(rpId).digest();
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(signCount);
  return Buffer.concat([rpIdHash, Buffer.from([flagBits]), counter]);
}

function uint16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

/** The COSE_Key of an ES256 public key: kty EC2, alg -7, crv P-256, x, y. */
function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.x === undefined || jwk.y === undefined) throw new Error('P-256 JWK without coordinates');
  return isoCBOR.encode(
    new Map<number, CborValue>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(Buffer.from(jwk.x, 'base64url'))],
      [-3, new Uint8Array(Buffer.from(jwk.y, 'base64url'))],
    ]),
  );
}

/** The JSON a browser returns around an authenticator's response, as @simplewebauthn/browser serialises it. */
function envelope<Response>(credentialId: Buffer, response: Response) {
  const id = credentialId.toString('base64url');
  return { id, rawId: id, type: 'public-key' as const, authenticatorAttachment: 'platform' as const, clientExtensionResults: {}, response };
}
