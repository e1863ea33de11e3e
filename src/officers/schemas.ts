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

export const tokenInput = z.strictObject({ name: z.string().trim().min(1).max(100) });

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
