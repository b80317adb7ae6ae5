import type { RegistrationResponseJSON } from '@simplewebauthn/browser';
import type { PasskeyLocation } from '../protocol/wire.ts';

/** The backup-eligible flag of the authenticator data: the passkey may sync to the user's other devices. */
const backupEligible = 0x08;
/** The flags byte follows the 32-byte RP ID hash. */
const flagsOffset = 32;

/**
 * Where a passkey just created lives, from the browser's answer: on the user's devices (backup
 * eligible), on a security key (a roaming authenticator that does not sync), else on this device.
 * Undefined when the browser did not return the authenticator data.
 */
export function whereSaved(response: RegistrationResponseJSON): PasskeyLocation | undefined {
  const data = response.response.authenticatorData;
  if (!data) return undefined;
  const flags = atob(data.replaceAll('-', '+').replaceAll('_', '/')).charCodeAt(flagsOffset);
  if (Number.isNaN(flags)) return undefined;
  if (flags & backupEligible) return 'synced';
  return response.authenticatorAttachment === 'cross-platform' ? 'security-key' : 'device';
}
