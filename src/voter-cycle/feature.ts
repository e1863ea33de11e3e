import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { describeRoute } from '../platform/openapi';
import { Router } from 'express';
import { voterPages, voterUploads } from './pages';
import { publicVoterRoutes } from './public';
import { voterCycleRoutes } from './routes';
import { forwardInput, meetingInput, rowsInput, sessionInput, verdictInput } from './schemas';

const S = '/api/v1/officer/voter-sessions';
const M = '/api/v1/officer/voter-meetings';
const tag = 'Voter petitions';

/** The OpenAPI descriptions of the voter-cycle routes (src/voter-cycle/routes.ts). */
const voterCycleApi: RouteConfig[] = [
  describeRoute('get', S, 'Voter-contact sessions in your scope', tag, { ok: 'The sessions' }),
  describeRoute('post', S, 'Open a voter-contact session', tag, {
    body: sessionInput,
    status: 201,
    ok: 'The session',
  }),
  describeRoute('get', `${S}/{id}`, 'One session with its meetings and petitions', tag, {
    ok: 'The session',
  }),
  describeRoute('post', `${S}/{id}/meetings`, 'Add a meeting to a session', tag, {
    body: meetingInput,
    status: 201,
    ok: 'The meeting',
  }),
  describeRoute(
    'post',
    `${S}/{id}/compile`,
    "Compile the session's petitions, with their sources",
    tag,
    {
      ok: 'The compilation',
    },
  ),
  describeRoute(
    'post',
    `${S}/{id}/forward`,
    'Forward the compiled petitions to the agencies',
    tag,
    {
      body: forwardInput,
      ok: 'What was forwarded',
    },
  ),
  describeRoute(
    'get',
    `${S}/{id}/report.{ext}`,
    'The session report in the Decree 30 layout (docx or pdf)',
    tag,
    {
      ok: 'The document',
    },
  ),
  describeRoute('get', `${M}/{id}`, 'One meeting with its petitions', tag, { ok: 'The meeting' }),
  describeRoute('post', `${M}/{id}/rows`, 'Fast entry: petitions of a meeting, row by row', tag, {
    body: rowsInput,
    ok: 'A report row by row',
  }),
  describeRoute(
    'post',
    `${M}/{id}/import`,
    'Import petitions from the XLSX template (base64)',
    tag,
    {
      ok: 'A report row by row',
    },
  ),
  describeRoute(
    'get',
    '/api/v1/officer/voter-templates/petitions.xlsx',
    'The XLSX template for petitions',
    tag,
    {
      ok: 'The workbook',
    },
  ),
  describeRoute(
    'post',
    '/api/v1/officer/voter-petitions/{id}/verdict',
    "Record an agency's verdict on a petition",
    tag,
    {
      body: verdictInput,
      ok: 'The petition as changed',
    },
  ),
];

/** The voter-petition cycle: sessions, meetings, entry, compilation, forwarding, report-back. */
export const voterCycleFeature: Feature<Deps> = {
  name: 'voter-cycle',
  mounts: [
    // The pages' uploads (multipart) are read once the officer is known and before
    // the CSRF check, so the form's `_csrf` field counts.
    {
      prefixes: ['/officer/voters'],
      beforeCsrf: true,
      routers: () => [Router().use(voterUploads)],
    },
    {
      prefixes: ['/api/v1/officer', '/voters', '/officer/voters'],
      routers: (deps) => [voterCycleRoutes(deps), publicVoterRoutes(deps), voterPages(deps)],
    },
  ],
  api: voterCycleApi,
};
