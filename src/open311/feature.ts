import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { describeRoute } from '../platform/openapi';
import { z } from '../platform/zod';
import { OPEN311, open311Routes } from './routes';

/** Open311 GeoReport v2 for civic apps, and the admins' keys for them. */
export const open311Feature: Feature<Deps> = {
  name: 'open311',
  mounts: [
    { prefixes: [OPEN311, '/api/v1/admin/open311'], routers: (deps) => [open311Routes(deps)] },
  ],
  api: [
    describeRoute(
      'post',
      '/api/v1/admin/open311/keys',
      'An API key for an Open311 client',
      'Open311',
      {
        body: z.strictObject({ name: z.string().min(2).max(120) }),
        status: 201,
        ok: 'The key, shown once',
      },
    ),
  ],
};
