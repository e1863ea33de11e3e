import { z } from '../platform/zod';
import { ROLES } from './model';

export const loginInput = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

export const passwordInput = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const tokenInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: 'báo cáo hằng tuần' }),
    days: z.number().int().min(1).max(730).optional().openapi({
      description: 'Expires after this many days (at most API_TOKEN_DAYS, the default)',
    }),
  })
  .openapi('TokenInput');

export const tokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    officerId: z.string(),
    officerEmail: z.string().optional(),
    createdAt: z.string(),
    expiresAt: z.string(),
    lastUsedAt: z.string().optional(),
    revokedAt: z.string().optional(),
  })
  .openapi('ApiTokenView');

export const officerInput = z
  .strictObject({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    jurisdictionCode: z.string().min(1).max(128).optional(),
    password: z.string().min(1).max(200),
  })
  .openapi('OfficerInput');

export const officerPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  active: z.boolean().optional(),
  jurisdictionCode: z.string().min(1).max(128).optional(),
});

export const officerView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    jurisdictionCode: z.string().optional(),
    active: z.boolean(),
  })
  .openapi('Officer');
