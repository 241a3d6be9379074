import type { FastifyReply, FastifyRequest } from 'fastify';

export const sessionCookieName = 'ors_session';

/** Secure when users reach ORS over https (PUBLIC_URL) or this request came over https. */
export function isSecureRequest(request: FastifyRequest): boolean {
  return request.server.config.PUBLIC_URL?.startsWith('https:') === true || request.protocol === 'https';
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent with cross-site writes),
 * no Max-Age (ends with the browser; the server ends it sooner on idleness or age).
 */
export function setSessionCookie(reply: FastifyReply, secret: string): void {
  reply.setCookie(sessionCookieName, secret, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: isSecureRequest(reply.request),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: isSecureRequest(reply.request),
  });
}
