import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { seedScopes, signIn } from '../../helpers/sessions.ts';

/** The one-time secret of the newest message to `to`. */
async function linkTokenTo(app: Parameters<typeof seedScopes>[0], to: string): Promise<string> {
  const mail = await app.db
    .selectFrom('outbox')
    .select('body')
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const match = /#token=([A-Za-z0-9_-]+)/.exec(mail.body);
  if (!match?.[1]) throw new Error(`no link in ${mail.body}`);
  return match[1];
}

describe('POST /api/invitations', () => {
  const ctx = useTestApp({ LOGIN_RATE_LIMIT: '1000' });
  beforeAll(() => seedScopes(ctx.app));

  it('lets a focal point invite a contributor of its Party, who accepts with a password and is signed in', async () => {
    const focalPoint = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    const invited = await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: focalPoint,
      payload: { email: 'Colleague@Example.org', name: 'A Colleague', roles: ['contributor:FRA:CMS'] },
    });
    expect(invited.statusCode).toBe(202);
    const token = await linkTokenTo(ctx.app, 'colleague@example.org');
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'my own long password' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({
      email: 'colleague@example.org',
      roles: ['contributor:FRA:CMS'],
    });
    expect(accepted.cookies.find((c) => c.name === 'ors_session')).toBeTruthy();
    await expect(signIn(ctx.app, 'colleague@example.org', 'my own long password')).resolves.toBeTruthy();

    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'another long password' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('ORS_INVALID_LINK');
  });

  it('refuses a focal point inviting another Party’s contributor or any other role', async () => {
    const focalPoint = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    for (const roles of [
      ['contributor:DEU:CMS'],
      ['contributor:FRA:AEWA'],
      ['focal_point:FRA:CMS'],
      ['admin'],
    ]) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/invitations',
        headers: focalPoint,
        payload: { email: 'someone@example.org', roles },
      });
      expect(response.statusCode, roles.join()).toBe(403);
    }
    const count = await ctx.app.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'someone@example.org')
      .execute();
    expect(count).toEqual([]);
  });

  it('lets an admin give any role, and refuses a role on an instrument that does not exist', async () => {
    const admin = await bearerFor(ctx.app, ['admin']);
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: admin,
      payload: { email: 'secretary@example.org', roles: ['secretariat:CMS'] },
    });
    expect(ok.statusCode).toBe(202);
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: admin,
      payload: { email: 'x@example.org', roles: ['secretariat:NOPE'] },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toEqual(['roles', 0]);
  });

  it('refuses an invitation link that has expired', async () => {
    const admin = await bearerFor(ctx.app, ['admin']);
    await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: admin,
      payload: { email: 'late@example.org', roles: ['analyst'] },
    });
    const token = await linkTokenTo(ctx.app, 'late@example.org');
    await ctx.app.db
      .updateTable('user_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'a long enough password' },
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('password reset', () => {
  const ctx = useTestApp({ LOGIN_RATE_LIMIT: '1000' });

  it('answers 202 whether or not the address is known, and mails a link only to a known one', async () => {
    const admin = await bearerFor(ctx.app, ['admin']);
    await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'known@example.org', password: 'the old password' },
    });
    for (const email of ['known@example.org', 'unknown@example.org']) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email },
      });
      expect(response.statusCode).toBe(202);
      expect(response.body).toBe('');
    }
    const mails = await ctx.app.db.selectFrom('outbox').select(['to_address', 'kind']).execute();
    expect(mails).toEqual([{ to_address: 'known@example.org', kind: 'password-reset' }]);
  });

  it('sets the new password once with the link, and ends every session', async () => {
    const session = await signIn(ctx.app, 'known@example.org', 'the old password');
    await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'known@example.org' },
    });
    const token = await linkTokenTo(ctx.app, 'known@example.org');
    const confirm = (newPassword: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, newPassword },
      });
    expect((await confirm('the new password')).statusCode).toBe(204);
    expect((await confirm('yet another password')).statusCode).toBe(400);
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: session.cookie },
    });
    expect(me.statusCode).toBe(401);
    await expect(signIn(ctx.app, 'known@example.org', 'the new password')).resolves.toBeTruthy();
  });
});
