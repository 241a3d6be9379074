import { createHash, randomBytes } from 'node:crypto';

/** A new secret for an API token or session: the value to hand out once, and the hash to store. */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

/** Secrets are stored only as their SHA-256: a leaked table gives no usable token. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
