import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { seedScopes, signIn } from '../../helpers/sessions.ts';

describe('/api/users and /api/outbox', () => {
  const ctx = useTestApp({ LOGIN_RATE_LIMIT: '1000' });
  let admin: { authorization: string };
  beforeAll(async () => {
    await seedScopes(ctx.app);
    admin = await bearerFor(ctx.app, ['admin']);
  });

  it('creates a user with roles and lists it', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        email: 'fp@example.org',
        name: 'Focal',
        password: 'a long password',
        roles: ['focal_point:FRA:CMS'],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'fp@example.org',
      roles: ['focal_point:FRA:CMS'],
      pending: false,
    });
    const list = await ctx.app.inject({ method: 'GET', url: '/api/users?search=fp@', headers: admin });
    expect(list.json().users.map((u: { email: string }) => u.email)).toEqual(['fp@example.org']);
    const duplicate = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'FP@example.org' },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('invites a user created without a password through the outbox, which the admin reads', async () => {
    await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'new@example.org', roles: ['analyst'] },
    });
    const outbox = await ctx.app.inject({ method: 'GET', url: '/api/outbox', headers: admin });
    expect(outbox.statusCode).toBe(200);
    expect(outbox.json().messages[0]).toMatchObject({ to: 'new@example.org', kind: 'invitation' });
    expect(outbox.json().messages[0].body).toMatch(/accept-invitation#token=inv_/);
  });

  it('replaces roles, and disabling a user ends its sessions', async () => {
    const session = await signIn(ctx.app, 'fp@example.org', 'a long password');
    const { users } = (
      await ctx.app.inject({ method: 'GET', url: '/api/users?search=fp@', headers: admin })
    ).json();
    const id = users[0].id;
    const changed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin,
      payload: { roles: ['contributor:FRA:CMS', 'analyst'] },
    });
    expect(changed.json().roles).toEqual(['contributor:FRA:CMS', 'analyst']);
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: session.cookie },
    });
    expect(me.json().roles).toEqual(['contributor:FRA:CMS', 'analyst']);

    const disabled = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin,
      payload: { disabled: true },
    });
    expect(disabled.json().disabled).toBe(true);
    const after = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: session.cookie },
    });
    expect(after.statusCode).toBe(401);
    const sessions = await ctx.app.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute();
    expect(sessions).toEqual([]);
  });

  it('keeps an admin from disabling itself or dropping its own admin role', async () => {
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin })).json();
    for (const payload of [{ disabled: true }, { roles: ['analyst'] }]) {
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/users/${me.id}`,
        headers: admin,
        payload,
      });
      expect(response.statusCode).toBe(409);
    }
  });

  it('answers 404 for a user that does not exist', async () => {
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/users/999999',
      headers: admin,
      payload: { name: 'x' },
    });
    expect(response.statusCode).toBe(404);
  });
});
