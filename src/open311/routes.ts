import { Router, type Request, type Response } from 'express';
import type { Deps } from '../deps';
import { guard } from '../officers';
import { DomainError, fail } from '../platform/domain-errors';
import { Problem } from '../platform/errors';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import type { Submission } from '../submissions/model';
import { OPEN_STATUSES } from '../submissions/statuses';
import { send, sendErrors, type Format } from './format';
import {
  createClientKey,
  createRequest,
  definitionOf,
  hashKey,
  requestOf,
  serviceOf,
} from './service';

/**
 * Open311 GeoReport v2 at /open311/v2/: discovery, services, service definitions,
 * requests (create with an API key, list, one by our tracking code) and tokens,
 * each as `.json` or `.xml`. Errors are the specification's error array.
 */
export const OPEN311 = '/open311/v2';
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const CHANGESET = '2026-12-01T00:00:00Z';

type Handler = (req: Request, res: Response, format: Format) => Promise<void>;

function formatOf(req: Request): Format | null {
  const f = String(req.params.format ?? '');
  return f === 'json' || f === 'xml' ? f : null;
}

/** Domain refusals become the error array: 400 for bad input, 403 for keys, 404 for missing. */
function errorsOf(
  err: unknown,
): { status: number; errors: { code: number; description: string }[] } | null {
  if (err instanceof DomainError) {
    if (err.code === 'validation')
      return {
        status: 400,
        errors: err.fields.map((f) => ({ code: 400, description: `${f.path}: ${f.message}` })),
      };
    if (err.code === 'not-found')
      return { status: 404, errors: [{ code: 404, description: err.message }] };
    return { status: 400, errors: [{ code: 400, description: err.message }] };
  }
  if (err instanceof Problem && err.status < 500)
    return { status: err.status, errors: [{ code: err.status, description: err.title }] };
  return null;
}

const handle =
  (run: Handler) =>
  async (req: Request, res: Response): Promise<void> => {
    const format = formatOf(req);
    if (!format)
      return sendErrors(res, 'json', 404, [
        { code: 404, description: 'format must be json or xml' },
      ]);
    try {
      await run(req, res, format);
    } catch (err) {
      const e = errorsOf(err);
      if (!e) throw err;
      sendErrors(res, format, e.status, e.errors);
    }
  };

const listQuery = z.object({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(64).optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: z
    .string()
    .regex(/^(open|closed)(,(open|closed))?$/)
    .optional(),
  jurisdiction_id: z.string().max(128).optional(),
});

export function open311Routes(deps: Deps): Router {
  const router = Router();
  router.get(
    `${OPEN311}/discovery.:format`,
    handle(async (_req, res, format) => {
      const base = `${deps.config.PUBLIC_BASE_URL}${OPEN311}/`;
      send(res, format, 'discovery', {
        changeset: CHANGESET,
        contact: 'Ủy ban MTTQ Việt Nam — Tiếng Dân',
        key_service: `${deps.config.PUBLIC_BASE_URL}/officer`,
        endpoints: [
          {
            specification: SPEC,
            url: base,
            changeset: CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
    }),
  );

  router.get(
    `${OPEN311}/services.:format`,
    handle(async (_req, res, format) => {
      const cats = await deps.models.Category.find().sort({ code: 1 }).lean();
      send(res, format, 'services', cats.map(serviceOf));
    }),
  );

  router.get(
    `${OPEN311}/services/:code.:format`,
    handle(async (req, res, format) => {
      const c = await deps.reference.category(String(req.params.code));
      if (!c) throw fail.notFound('service');
      send(res, format, 'service_definition', definitionOf(c.code));
    }),
  );

  router.post(
    `${OPEN311}/requests.:format`,
    handle(async (req, res, format) => {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>))
        if (typeof v === 'string') fields[k] = v;
      const key = fields.api_key ?? String(req.query.api_key ?? '');
      const client = key
        ? await deps.models.Open311Client.findOne({ keyHash: hashKey(key), active: true }).lean()
        : null;
      if (!client)
        return sendErrors(res, format, 403, [
          { code: 403, description: 'api_key missing or not valid' },
        ]);
      const created = await createRequest(deps, { clientId: client._id, fields });
      send(res, format, 'service_requests', [created], 201);
    }),
  );

  router.get(
    `${OPEN311}/requests.:format`,
    handle(async (req, res, format) => {
      const q = parseInput(listQuery, req.query);
      const codes = q.service_request_id
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const statuses = q.status?.split(',');
      const filter: Record<string, unknown> = { kind: 'petition' };
      if (codes) filter.trackingCode = { $in: codes.slice(0, 100) };
      else {
        // Without ids: what came through Open311, the last 90 days unless dates are given.
        const end = q.end_date ? new Date(q.end_date) : deps.clock.now();
        const start = q.start_date
          ? new Date(q.start_date)
          : new Date(end.getTime() - 90 * 86_400_000);
        const ids = await deps.models.Open311Request.find(
          {
            createdAt: { $gte: start, $lte: end },
            ...(q.service_code ? { serviceCode: q.service_code } : {}),
          },
          { submissionId: 1 },
        )
          .sort({ createdAt: -1 })
          .limit(1000)
          .lean();
        filter._id = { $in: ids.map((i) => i.submissionId) };
      }
      if (q.service_code) filter.categoryCode = q.service_code;
      if (statuses?.length === 1)
        filter.status = statuses[0] === 'open' ? { $in: OPEN_STATUSES } : { $nin: OPEN_STATUSES };
      const subs = await deps.models.Submission.find(filter)
        .sort({ createdAt: -1 })
        .limit(1000)
        .lean();
      send(res, format, 'service_requests', await present(deps, subs));
    }),
  );

  router.get(
    `${OPEN311}/requests/:id.:format`,
    handle(async (req, res, format) => {
      const s = await deps.models.Submission.findOne({
        trackingCode: String(req.params.id),
        kind: 'petition',
      }).lean();
      if (!s) throw fail.notFound('service request');
      send(res, format, 'service_requests', await present(deps, [s]));
    }),
  );

  router.get(
    `${OPEN311}/tokens/:token.:format`,
    handle(async (req, res, format) => {
      const r = await deps.models.Open311Request.findOne({
        token: String(req.params.token),
      }).lean();
      if (!r) throw fail.notFound('token');
      send(res, format, 'service_requests', [
        { service_request_id: r.trackingCode, token: r.token },
      ]);
    }),
  );

  router.use(OPEN311, (_req, res) =>
    sendErrors(res, 'json', 404, [{ code: 404, description: 'no such endpoint' }]),
  );

  const keyInput = z.strictObject({ name: z.string().trim().min(2).max(120) });
  guard(
    router,
    { method: 'post', path: '/api/v1/admin/open311/keys', access: 'admin' },
    async (req, res) => {
      const { name } = parseInput(keyInput, req.body);
      res.status(201).json(await createClientKey(deps, name));
    },
  );
  return router;
}

async function present(deps: Deps, subs: Submission[]) {
  const [extras, cats, agencies] = await Promise.all([
    deps.models.Open311Request.find({ submissionId: { $in: subs.map((s) => s._id) } }).lean(),
    deps.models.Category.find().lean(),
    deps.models.Agency.find(
      { code: { $in: subs.flatMap((s) => (s.agencyCode ? [s.agencyCode] : [])) } },
      { code: 1, name: 1 },
    ).lean(),
  ]);
  return subs.map((s) => {
    const agency = agencies.find((a) => a.code === s.agencyCode)?.name;
    return requestOf(
      s,
      extras.find((e) => String(e.submissionId) === String(s._id)),
      {
        service: cats.find((c) => c.code === s.categoryCode)?.name.vi ?? s.categoryCode,
        ...(agency ? { agency } : {}),
      },
    );
  });
}
