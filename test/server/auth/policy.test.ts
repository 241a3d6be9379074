import { describe, expect, it } from 'vitest';
import { type Actor, can } from '../../../server/auth/policy.ts';
import { parseRole, type RoleGrant } from '../../../server/auth/roles.ts';

const actor = (...roles: string[]): Actor => ({
  userId: 1,
  email: 'a@example.org',
  name: '',
  language: 'en',
  via: 'token',
  roles: roles.map((role) => parseRole(role) as RoleGrant),
});

const draft = { instrument: 'CMS', party: 'FRA', reportStatus: 'in_progress' } as const;
const submitted = { instrument: 'CMS', party: 'FRA', reportStatus: 'submitted' } as const;

describe('can', () => {
  it('refuses nobody signed in everything', () => {
    expect(can(null, 'report.read', submitted)).toBe(false);
  });

  it("shows a Party's draft only to its people and the instrument's secretariat", () => {
    expect(can(actor('focal_point:FRA:CMS'), 'report.read', draft)).toBe(true);
    expect(can(actor('contributor:FRA:CMS'), 'report.read', draft)).toBe(true);
    expect(can(actor('secretariat:CMS'), 'report.read', draft)).toBe(true);
    for (const other of [
      'focal_point:DEU:CMS',
      'focal_point:FRA:AEWA',
      'secretariat:AEWA',
      'analyst',
      'admin',
    ]) {
      expect(can(actor(other), 'report.read', draft), other).toBe(false);
    }
  });

  it('lets an analyst read a submitted report of any instrument, but never an admin', () => {
    expect(can(actor('analyst'), 'report.read', submitted)).toBe(true);
    expect(can(actor('analyst'), 'report.read', { ...submitted, instrument: 'AEWA' })).toBe(true);
    expect(can(actor('admin'), 'report.read', submitted)).toBe(false);
  });

  it('lets a contributor write only what was handed to it, and never submit', () => {
    const contributor = actor('contributor:FRA:CMS');
    expect(can(contributor, 'report.write', draft)).toBe(false);
    expect(can(contributor, 'report.write', { ...draft, handedToActor: false })).toBe(false);
    expect(can(contributor, 'report.write', { ...draft, handedToActor: true })).toBe(true);
    expect(can(contributor, 'report.write', { ...submitted, handedToActor: true })).toBe(false);
    expect(can(contributor, 'report.submit', draft)).toBe(false);
  });

  it('lets a focal point invite contributors of its own Party and instrument only', () => {
    const focalPoint = actor('focal_point:FRA:CMS');
    const invite = (role: string) => can(focalPoint, 'users.invite', { grant: parseRole(role) as RoleGrant });
    expect(invite('contributor:FRA:CMS')).toBe(true);
    expect(invite('contributor:DEU:CMS')).toBe(false);
    expect(invite('contributor:FRA:AEWA')).toBe(false);
    expect(invite('focal_point:FRA:CMS')).toBe(false);
    expect(can(actor('admin'), 'users.invite', { grant: { role: 'admin' } })).toBe(true);
  });

  it('holds a permission when any of several roles allows it', () => {
    expect(can(actor('analyst', 'focal_point:FRA:CMS'), 'report.write', draft)).toBe(true);
  });

  it('lets an analyst analyse every instrument, a secretariat its own only, and never an admin', () => {
    expect(can(actor('analyst'), 'analysis.read', { instrument: 'AEWA' })).toBe(true);
    expect(can(actor('analyst'), 'analysis.read', {})).toBe(true);
    expect(can(actor('secretariat:CMS'), 'analysis.read', { instrument: 'CMS' })).toBe(true);
    expect(can(actor('secretariat:CMS'), 'analysis.read', { instrument: 'AEWA' })).toBe(false);
    expect(can(actor('secretariat:CMS'), 'analysis.read', {})).toBe(false);
    for (const other of ['admin', 'focal_point:FRA:CMS', 'contributor:FRA:CMS']) {
      expect(can(actor(other), 'analysis.read', { instrument: 'CMS' }), other).toBe(false);
    }
  });
});
