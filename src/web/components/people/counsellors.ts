import { useQuery } from '@tanstack/react-query';
import { callOp } from '../../api/ops.ts';
import { useCan, useCurrentUser } from '../../api/session.ts';
import { listUsers } from '../../../common/contracts/identity.ts';
import type { Ref } from './types.ts';
import { getCaseload } from '../../../common/contracts/cases.ts';

/**
 * Counsellors to choose from (filters, transfers, appointments, action-plan owners). Users who may read the
 * user list get the active staff of the office; others get the counsellors holding cases in their office
 * (GET /caseload), plus themselves — there is no staff directory open to counsellors yet.
 */
export function useCounsellors(officeId?: string | null) {
  const can = useCan();
  const me = useCurrentUser();
  const canReadUsers = can('users:read', 'users:manage');
  const canReadCases = can('cases:read');
  return useQuery({
    queryKey: ['counsellors', officeId ?? null, canReadUsers, canReadCases],
    queryFn: async (): Promise<Ref[]> => {
      const found = new Map<string, string>();
      if (canReadUsers) {
        const users = await callOp(listUsers, {
          query: { kind: 'staff', status: 'active', officeId: officeId ?? undefined, pageSize: 200, page: 1 },
        });
        for (const u of users.items) found.set(u.id, u.fullName);
      } else if (canReadCases) {
        const sameOffice = !officeId || officeId === me.office?.id;
        if (sameOffice) {
          const load = await callOp(getCaseload);
          for (const row of load.items) if (row.counsellor) found.set(row.counsellor.id, row.counsellor.name);
          if (me.permissions.includes('cases:write')) found.set(me.id, me.fullName);
        }
      }
      return [...found].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'tr'));
    },
    staleTime: 60_000,
  });
}
