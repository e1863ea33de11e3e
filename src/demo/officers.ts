import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps';
import { createOfficer } from '../officers';

/**
 * Demo accounts for the local run, only when there are none: an admin and a
 * commune officer, each with a random password that is printed once.
 */
export async function seedDemoOfficers(
  deps: Deps,
): Promise<{ email: string; password: string; role: string }[]> {
  if ((await deps.models.Officer.estimatedDocumentCount()) > 0) return [];
  const accounts = [
    { email: 'admin@demo.tiengdan.local', name: 'Quản trị viên', role: 'admin' as const },
    {
      email: 'canbo.hoaloi@demo.tiengdan.local',
      name: 'Cán bộ MTTQ xã Hòa Lợi',
      role: 'officer' as const,
      jurisdictionCode: 'minh-hoa.hoa-loi',
    },
    {
      email: 'canbo.tinh@demo.tiengdan.local',
      name: 'Cán bộ MTTQ tỉnh Minh Hòa',
      role: 'officer' as const,
      jurisdictionCode: 'minh-hoa',
    },
  ];
  const created = [];
  for (const a of accounts) {
    const password = randomBytes(12).toString('base64url');
    await createOfficer(deps, { ...a, password });
    created.push({ email: a.email, password, role: a.role });
  }
  return created;
}
