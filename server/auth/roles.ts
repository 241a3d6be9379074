import type { RoleName } from '../db/schema.ts';

/** One role a user holds, with its scope: an instrument for a secretariat, a Party and instrument for a Party's people. */
export type RoleGrant =
  | { role: 'admin' }
  | { role: 'analyst' }
  | { role: 'secretariat'; instrument: string }
  | { role: 'focal_point'; party: string; instrument: string }
  | { role: 'contributor'; party: string; instrument: string };

/**
 * Reads a role as the command line writes it: `admin`, `analyst`, `secretariat:CMS`,
 * `focal_point:FRA:CMS`, `contributor:FRA:CMS`. Returns null when it is not one.
 */
export function parseRole(text: string): RoleGrant | null {
  const [role, first, second, ...rest] = text.trim().split(':');
  if (rest.length > 0) return null;
  const code = (value: string | undefined) =>
    value && /^[A-Za-z][A-Za-z0-9-]{1,31}$/.test(value) ? value.toUpperCase() : null;
  switch (role) {
    case 'admin':
    case 'analyst':
      return first === undefined ? { role } : null;
    case 'secretariat': {
      const instrument = code(first);
      return instrument && second === undefined ? { role, instrument } : null;
    }
    case 'focal_point':
    case 'contributor': {
      const party = first && /^[A-Za-z]{3}$/.test(first) ? first.toUpperCase() : null;
      const instrument = code(second);
      return party && instrument ? { role, party, instrument } : null;
    }
    default:
      return null;
  }
}

/** The inverse of parseRole: `focal_point:FRA:CMS`. */
export function formatRole(grant: RoleGrant): string {
  switch (grant.role) {
    case 'admin':
    case 'analyst':
      return grant.role;
    case 'secretariat':
      return `secretariat:${grant.instrument}`;
    case 'focal_point':
    case 'contributor':
      return `${grant.role}:${grant.party}:${grant.instrument}`;
  }
}

/** A role assignment row as a grant. */
export function grantFromRow(row: {
  role: RoleName;
  instrument_code: string | null;
  party_code: string | null;
}): RoleGrant {
  switch (row.role) {
    case 'admin':
    case 'analyst':
      return { role: row.role };
    case 'secretariat':
      return { role: row.role, instrument: row.instrument_code ?? '' };
    case 'focal_point':
    case 'contributor':
      return { role: row.role, party: row.party_code ?? '', instrument: row.instrument_code ?? '' };
  }
}

/** A grant as a role assignment row. */
export function rowFromGrant(grant: RoleGrant): {
  role: RoleName;
  instrument_code: string | null;
  party_code: string | null;
} {
  return {
    role: grant.role,
    instrument_code: 'instrument' in grant ? grant.instrument : null,
    party_code: 'party' in grant ? grant.party : null,
  };
}
