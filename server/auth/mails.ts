import type { Mail } from '../repositories/outbox.ts';

// The secret travels in the URL fragment: browsers never send it to a server or in a Referer.

export const passwordResetTtlMs = 60 * 60 * 1000;
export const invitationTtlMs = 7 * 24 * 60 * 60 * 1000;

export function passwordResetMail(baseUrl: string, to: string, token: string): Mail {
  return {
    kind: 'password-reset',
    to,
    subject: 'ORS: set a new password',
    body: [
      'Someone (hopefully you) asked to set a new password for your ORS account.',
      `Open this link within an hour to choose it: ${baseUrl}/reset-password#token=${token}`,
      'If you did not ask, ignore this message: your password stays as it is.',
    ].join('\n\n'),
  };
}

export function invitationMail(baseUrl: string, to: string, token: string, invitedBy: string): Mail {
  return {
    kind: 'invitation',
    to,
    subject: 'ORS: you are invited to the online reporting system',
    body: [
      `${invitedBy} invites you to work in ORS, the online reporting system.`,
      `Open this link within 7 days to choose your password: ${baseUrl}/accept-invitation#token=${token}`,
    ].join('\n\n'),
  };
}

export function accessGrantedMail(baseUrl: string, to: string, roles: string[], grantedBy: string): Mail {
  return {
    kind: 'access-granted',
    to,
    subject: 'ORS: you have been given access',
    body: [
      `${grantedBy} gave you these roles in ORS: ${roles.join(', ')}.`,
      `Sign in at ${baseUrl}/ with your usual password.`,
    ].join('\n\n'),
  };
}
