import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { collaborationDefinition, multipartFile, pdfBytes, personWith } from '../../helpers/collaboration.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

type Person = Awaited<ReturnType<typeof personWith>>;

describe('hand-over of sections and loop iterations to contributors', () => {
  const ctx = useTestApp();
  let reportId: number;
  let focal: Person;
  let alice: Person;
  let bob: Person;

  const revision = async () =>
    (await ctx.app.inject({ url: `/api/reports/${reportId}`, headers: focal.headers })).json()
      .revision as number;
  const save = async (who: Person, set: Record<string, unknown>, unset?: string[]) =>
    ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}/answers`,
      headers: who.headers,
      payload: { baseRevision: await revision(), set, ...(unset ? { unset } : {}) },
    });
  const handOver = (body: Record<string, unknown>, headers = focal.headers) =>
    ctx.app.inject({ method: 'POST', url: `/api/reports/${reportId}/handovers`, headers, payload: body });

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app, collaborationDefinition());
    reportId = opened.reports.FRA as number;
    focal = await personWith(ctx.app, ['focal_point:FRA:CMS'], 'Fatima Focal');
    alice = await personWith(ctx.app, ['contributor:FRA:CMS'], 'Alice Contributor');
    bob = await personWith(ctx.app, ['contributor:FRA:CMS'], 'Bob Contributor');
  });

  it('refuses every save of a contributor who was handed nothing', async () => {
    const response = await save(alice, { focal_point_name: 'Alice' });
    expect(response.statusCode).toBe(403);
  });

  it('lists the contributors of the Party and instrument, to the focal point only', async () => {
    await personWith(ctx.app, ['contributor:DEU:CMS'], 'Someone of Germany');
    const response = await ctx.app.inject({
      url: `/api/reports/${reportId}/contributors`,
      headers: focal.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().contributors.map((each: { name: string }) => each.name)).toEqual([
      'Alice Contributor',
      'Bob Contributor',
    ]);
    const asAlice = await ctx.app.inject({
      url: `/api/reports/${reportId}/contributors`,
      headers: alice.headers,
    });
    expect(asAlice.statusCode).toBe(403);
  });

  it('hands a section to a contributor, who gets an e-mail and may then change only that section', async () => {
    const created = await handOver({ contributorId: alice.id, sectionId: 'general', note: 'Please fill in' });
    expect(created.statusCode).toBe(201);
    const mail = await ctx.app.db
      .selectFrom('outbox')
      .select(['to_address', 'subject', 'body'])
      .where('kind', '=', 'report-handed-over')
      .execute();
    expect(mail).toEqual([
      expect.objectContaining({
        to_address: alice.email,
        subject: "ORS: a part of FRA's report to CMS was handed to you",
        body: expect.stringContaining('Fatima Focal handed you the section "General information"'),
      }),
    ]);
    expect(mail[0]?.body).toContain(`/reports/${reportId}`);

    expect((await save(alice, { focal_point_name: 'Alice', pa_count: 4 })).statusCode).toBe(200);
    const refused = await save(alice, { pa_count: 5, report_file: null, species_status: {} }, []);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'ORS_NOT_HANDED_OVER',
      errors: [expect.objectContaining({ path: ['set', 'species_status'] })],
    });
    // Nothing of a refused save is kept, not even the part that was handed over.
    const report = (await ctx.app.inject({ url: `/api/reports/${reportId}`, headers: focal.headers })).json();
    expect(report.answers.pa_count).toBe(4);

    // Bob, handed nothing, still writes nothing.
    expect((await save(bob, { trend: 'up' })).statusCode).toBe(403);
  });

  it('gives the path of each refused question, unset ones included', async () => {
    await save(focal, { species_status: { otis_tarda: { population: 10 } } });
    const refused = await save(alice, { trend: 'down', species_status: {} }, []);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({
        path: ['set', 'species_status'],
        message: 'species_status was not handed over to you',
      }),
    ]);
    const unset = await save(alice, {}, ['species_status']);
    expect(unset.json().errors).toEqual([expect.objectContaining({ path: ['unset', 0] })]);
  });

  it('hands some iterations of a loop: the contributor changes those species and no other', async () => {
    const created = await handOver({
      contributorId: bob.id,
      sectionId: 'species',
      loopId: 'species_status',
      iterations: ['aquila_clanga', 'grus_grus'],
    });
    expect(created.statusCode).toBe(201);

    const inside = await save(bob, {
      species_status: { otis_tarda: { population: 10 }, aquila_clanga: { population: 3 } },
    });
    expect(inside.statusCode).toBe(200);

    const outside = await save(bob, {
      species_status: { otis_tarda: { population: 11 }, aquila_clanga: { population: 4 } },
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().errors).toEqual([
      expect.objectContaining({ path: ['set', 'species_status', 'otis_tarda'] }),
    ]);
    // The rest of the section was not handed over.
    const file = {
      file: '00000000-0000-4000-8000-000000000000',
      name: 'a.pdf',
      size: 1,
      type: 'application/pdf',
    };
    const other = await save(bob, { report_file: file });
    expect(other.json().errors).toEqual([expect.objectContaining({ path: ['set', 'report_file'] })]);
  });

  it('lets a contributor upload a file only to a question handed to it', async () => {
    const body = multipartFile('plan.pdf', 'application/pdf', pdfBytes());
    const upload = (who: Person) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/reports/${reportId}/files?item=report_file`,
        headers: { ...who.headers, ...body.headers },
        payload: body.payload,
      });
    const refused = await upload(bob);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ORS_NOT_HANDED_OVER', errors: [{ path: ['item'] }] });
    expect((await handOver({ contributorId: alice.id, sectionId: 'species' })).statusCode).toBe(201);
    expect((await upload(alice)).statusCode).toBe(201);
    await ctx.app.db
      .deleteFrom('handovers')
      .where('section_id', '=', 'species')
      .where('user_id', '=', alice.id)
      .execute();
  });

  it('refuses loops and iterations that do not exist, with their paths', async () => {
    const wrongLoop = await handOver({
      contributorId: bob.id,
      sectionId: 'general',
      loopId: 'species_status',
      iterations: ['otis_tarda'],
    });
    expect(wrongLoop.statusCode).toBe(422);
    expect(wrongLoop.json().errors).toEqual([expect.objectContaining({ path: ['loopId'] })]);
    const wrongOption = await handOver({
      contributorId: bob.id,
      sectionId: 'species',
      loopId: 'species_status',
      iterations: ['otis_tarda', 'dodo'],
    });
    expect(wrongOption.json().errors).toEqual([expect.objectContaining({ path: ['iterations', 1] })]);
    const noSection = await handOver({ contributorId: bob.id, sectionId: 'nowhere' });
    expect(noSection.json().errors).toEqual([expect.objectContaining({ path: ['sectionId'] })]);
    const notContributor = await handOver({ contributorId: focal.id, sectionId: 'general' });
    expect(notContributor.json().errors).toEqual([expect.objectContaining({ path: ['contributorId'] })]);
    expect(await ctx.app.db.selectFrom('handovers').select('id').execute()).toHaveLength(2);
  });

  it('lets the contributor mark its part done, and no other contributor', async () => {
    const [, bobs] = (
      await ctx.app.inject({ url: `/api/reports/${reportId}/handovers`, headers: focal.headers })
    ).json().handovers;
    const mark = (who: Person, done: boolean) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/reports/${reportId}/handovers/${bobs.id}/done`,
        headers: who.headers,
        payload: { done },
      });
    expect(bobs.doneAt).toBeNull();
    expect((await mark(alice, true)).statusCode).toBe(403);
    const done = await mark(bob, true);
    expect(done.statusCode).toBe(200);
    expect(done.json().doneAt).toEqual(expect.any(String));
    const listed = (
      await ctx.app.inject({ url: `/api/reports/${reportId}/handovers`, headers: focal.headers })
    ).json().handovers;
    expect(listed[1].doneAt).toBe(done.json().doneAt);
    expect((await mark(focal, false)).json()).toEqual({ doneAt: null });
  });

  it('lists hand-overs, and a revoked one no longer lets the contributor write', async () => {
    const listed = await ctx.app.inject({
      url: `/api/reports/${reportId}/handovers`,
      headers: alice.headers,
    });
    expect(listed.statusCode).toBe(200);
    const handovers = listed.json().handovers;
    expect(handovers).toEqual([
      expect.objectContaining({
        contributor: expect.objectContaining({ id: alice.id, name: 'Alice Contributor' }),
        sectionId: 'general',
        loopId: null,
        iterations: null,
        note: 'Please fill in',
        handedBy: { name: 'Fatima Focal', email: focal.email },
      }),
      expect.objectContaining({
        contributor: expect.objectContaining({ id: bob.id }),
        sectionId: 'species',
        loopId: 'species_status',
        iterations: ['aquila_clanga', 'grus_grus'],
      }),
    ]);
    const asAlice = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/reports/${reportId}/handovers/${handovers[0].id}`,
      headers: alice.headers,
    });
    expect(asAlice.statusCode).toBe(403);
    const revoked = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/reports/${reportId}/handovers/${handovers[0].id}`,
      headers: focal.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await save(alice, { focal_point_name: 'Alice again' })).statusCode).toBe(403);
    const again = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/reports/${reportId}/handovers/${handovers[0].id}`,
      headers: focal.headers,
    });
    expect(again.statusCode).toBe(404);
  });

  it('shows who last answered each question, and when', async () => {
    const response = await ctx.app.inject({
      url: `/api/reports/${reportId}/contributions`,
      headers: focal.headers,
    });
    expect(response.statusCode).toBe(200);
    const answers = response.json().answers;
    expect(answers.pa_count).toMatchObject({
      user: { id: alice.id, name: 'Alice Contributor' },
      source: 'edit',
    });
    expect(answers.species_status).toMatchObject({ user: { id: bob.id } });
    expect(new Date(answers.pa_count.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
