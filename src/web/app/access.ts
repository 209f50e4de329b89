import type { Permission } from '../../common/permissions.ts';

/** Which permissions open each screen; the routes and the navigation use the same table. */
export const SCREEN_ACCESS = {
  users: ['users:read', 'users:manage'],
  roles: ['roles:manage', 'users:manage'],
  offices: ['offices:manage'],
  organisation: ['organisation:manage'],
  audit: ['audit:read'],
  outbox: ['outbox:read'],
  reference: ['reference:manage'],
} as const satisfies Record<string, readonly Permission[]>;
