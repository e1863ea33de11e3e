import type { z } from 'zod';
import { fail } from './domain-errors';

/**
 * Parses input at the edge. Anything that does not fit the schema (missing or
 * wrong-typed fields, unknown fields, operator objects such as {"$gt": ""}) is a
 * 422 problem listing each field, and nothing further runs.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw fail.validation(
    parsed.error.issues.map((i) => ({
      path: i.path.join('.') || '(body)',
      message: i.message,
      code: i.code,
      ...(i.code === 'too_small' ? { limit: Number(i.minimum) } : {}),
      ...(i.code === 'too_big' ? { limit: Number(i.maximum) } : {}),
    })),
  );
}
