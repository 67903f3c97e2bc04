// The signed-in user the host plays Grafana's part for: one user whose organisation role (Viewer, Editor, Admin)
// comes from the `--user.role` flag and can be switched per browser with the `vigil_host_role` cookie, so a test
// can be each role in turn. Its RBAC permissions are what Grafana grants that basic role from the served plugins'
// `roles` (a role granted to Viewer is also an Editor's and an Admin's, as Grafana's basic roles inherit).
import type { Request } from 'express';

export const ORG_ROLES = ['Viewer', 'Editor', 'Admin'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const ROLE_COOKIE = 'vigil_host_role';

export interface PluginRoleDeclaration {
  role?: { name?: string; permissions?: { action?: string; scope?: string }[] };
  grants?: string[];
}

export interface SignedInUser {
  id: number;
  uid: string;
  login: string;
  name: string;
  email: string;
  orgId: number;
  orgRole: OrgRole;
  isGrafanaAdmin: boolean;
  permissions: Record<string, boolean>;
}

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === 'string' && (ORG_ROLES as readonly string[]).includes(value);
}

const RANK: Record<OrgRole, number> = { Viewer: 1, Editor: 2, Admin: 3 };

export function hasRole(user: SignedInUser, required: string): boolean {
  return isOrgRole(required) ? RANK[user.orgRole] >= RANK[required] : user.isGrafanaAdmin;
}

/** The actions the plugins' roles grant to a basic role (and to the roles below it). */
export function permissionsOf(role: OrgRole, declarations: PluginRoleDeclaration[]): Record<string, boolean> {
  const perms: Record<string, boolean> = {};
  for (const decl of declarations) {
    const granted = (decl.grants ?? []).some((g) => isOrgRole(g) && RANK[g] <= RANK[role]);
    if (!granted) continue;
    for (const p of decl.role?.permissions ?? []) {
      if (p.action) perms[p.action] = true;
    }
  }
  if (role === 'Admin') {
    // Grafana's basic Admin role may write plugin settings (the configuration page's POST).
    perms['plugins:write'] = true;
  }
  return perms;
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export interface UserSource {
  defaultRole: OrgRole;
  login: string;
  declarations: () => PluginRoleDeclaration[];
}

/** The user of a request: the cookie's role when it names one, else the flag's. */
export function signedInUser(req: Request, source: UserSource): SignedInUser {
  const fromCookie = cookie(req, ROLE_COOKIE);
  const orgRole = isOrgRole(fromCookie) ? fromCookie : source.defaultRole;
  return {
    id: 1,
    uid: source.login,
    login: source.login,
    name: source.login,
    email: `${source.login}@localhost`,
    orgId: 1,
    orgRole,
    isGrafanaAdmin: false,
    permissions: permissionsOf(orgRole, source.declarations()),
  };
}
