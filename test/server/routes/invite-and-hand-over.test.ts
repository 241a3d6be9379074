import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { collaborationDefinition, mailsTo, personWith } from '../../helpers/collaboration.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';
import { signIn } from '../../helpers/sessions.ts';

type Person = Awaited<ReturnType<typeof personWith>>;

/** The hand-over panel's "invite a colleague": a colleague invited but not yet signed up can be handed a part. */
describe('inviting a colleague and handing them a part of the report', () => {
  const ctx = useTestApp({ LOGIN_RATE_LIMIT: '1000' });
  let reportId: number;
  let focal: Person;
  const email = 'new.colleague@example.org';

  const contributors = async () =>
    (await ctx.app.inject({ url: `/api/reports/${reportId}/contributors`, headers: focal.headers })).json()
      .contributors as { id: number; name: string; email: string; invited: boolean }[];

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app, collaborationDefinition());
    reportId = opened.reports.FRA as number;
    focal = await personWith(ctx.app, ['focal_point:FRA:CMS'], 'Fatima Focal');
  });

  it('lists the invited colleague before they accept, hands them a section, and mails both messages', async () => {
    const invited = await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: focal.headers,
      payload: { email, name: 'Nora New', language: 'fr', roles: ['contributor:FRA:CMS'] },
    });
    expect(invited.statusCode).toBe(202);
    const listed = (await contributors()).find((each) => each.email === email);
    expect(listed).toMatchObject({ name: 'Nora New', invited: true });

    const handed = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/handovers`,
      headers: focal.headers,
      payload: { contributorId: listed?.id, sectionId: 'general' },
    });
    expect(handed.statusCode).toBe(201);
    const mails = await mailsTo(ctx.app, email);
    expect(mails.map((each) => each.kind)).toEqual(['invitation', 'report-handed-over']);
    expect(mails[1]?.body).toContain('General information');
    expect(mails[1]?.body).toContain(`/reports/${reportId}`);

    const token = /#token=([A-Za-z0-9_-]+)/.exec(mails[0]?.body ?? '')?.[1];
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'nora chooses a password' },
    });
    expect(accepted.statusCode).toBe(200);
    expect((await contributors()).find((each) => each.email === email)?.invited).toBe(false);
    const session = await signIn(ctx.app, email, 'nora chooses a password');
    const revision = (
      await ctx.app.inject({ url: `/api/reports/${reportId}`, headers: session.headers })
    ).json().revision as number;
    const save = (set: Record<string, unknown>, baseRevision: number) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/reports/${reportId}/answers`,
        headers: session.headers,
        payload: { baseRevision, set },
      });
    expect((await save({ focal_point_name: 'Nora' }, revision)).statusCode).toBe(200);
    const refused = await save({ species_status: {} }, revision + 1);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors[0].path).toEqual(['set', 'species_status']);
  });

  it('neither lists nor hands a part to a disabled account, and answers 409 to inviting it', async () => {
    const disabled = await personWith(ctx.app, ['contributor:FRA:CMS'], 'Dora Disabled');
    await ctx.app.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', disabled.id)
      .execute();
    expect((await contributors()).map((each) => each.email)).not.toContain(disabled.email);
    // Without a password but never invited (an account that uses API tokens): not "invited".
    const tokenOnly = await personWith(ctx.app, ['contributor:FRA:CMS'], 'Tom Token');
    expect((await contributors()).find((each) => each.id === tokenOnly.id)?.invited).toBe(false);
    const handed = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/handovers`,
      headers: focal.headers,
      payload: { contributorId: disabled.id, sectionId: 'general' },
    });
    expect(handed.statusCode).toBe(422);
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: focal.headers,
      payload: { email: disabled.email, roles: ['contributor:FRA:CMS'] },
    });
    expect(again.statusCode).toBe(409);
    expect(await mailsTo(ctx.app, disabled.email)).toEqual([]);
  });
});
