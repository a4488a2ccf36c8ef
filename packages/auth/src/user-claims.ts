import type { SessionUser } from './types.js';

type Claims = Record<string, unknown> & { sub?: string };

/**
 * Who is signed in, from ID token and userinfo claims: OpenID `name` (or given + family name),
 * `role` (or NHS CIS2 `nhsid_nrbac_roles`, preferring `selected_roleid`), `organisation` (or `org`),
 * and SMART `fhirUser`.
 */
export function sessionUserFromClaims(claims: Claims): SessionUser {
  const user: SessionUser = { subject: String(claims.sub ?? '') };
  const name = text(claims.name) ?? joinNames(text(claims.given_name), text(claims.family_name));
  const role = text(claims.role) ?? nrbacRole(claims);
  const organisation = text(claims.organisation) ?? text(claims.org);
  const fhirUser = text(claims.fhirUser);
  if (name) user.name = name;
  if (role) user.role = role;
  if (organisation) user.organisation = organisation;
  if (fhirUser) user.fhirUser = fhirUser;
  return user;
}

function text(value: unknown): string | undefined {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (value && typeof value === 'object' && 'name' in value) return text(value.name);
  return undefined;
}

function joinNames(given?: string, family?: string): string | undefined {
  return [given, family].filter(Boolean).join(' ') || undefined;
}

interface NrbacRole {
  person_roleid?: string;
  role_name?: string;
}

// CIS2 role names are colon-separated quoted segments, e.g.
// '"Clinical":"Clinical Provision":"Nurse Access Role"': the last one names the job.
function nrbacRole(claims: Claims): string | undefined {
  const roles = claims.nhsid_nrbac_roles;
  if (!Array.isArray(roles) || roles.length === 0) return undefined;
  const selected =
    (roles as NrbacRole[]).find((role) => role.person_roleid && role.person_roleid === claims.selected_roleid) ??
    (roles[0] as NrbacRole);
  const segments = selected.role_name?.split(':').map((part) => part.replace(/^"|"$/g, '').trim());
  return segments?.filter(Boolean).at(-1);
}
