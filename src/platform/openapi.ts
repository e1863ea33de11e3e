import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from './zod';

/**
 * The OpenAPI document is generated from the same zod schemas that validate
 * requests; each feature registers its paths in `registry` next to its routes.
 */
export const registry = new OpenAPIRegistry();

export const problemSchema = registry.register(
  'Problem',
  z
    .object({
      type: z.string().openapi({ example: 'https://tiengdan.example/problems/validation' }),
      title: z.string(),
      status: z.number().int(),
      detail: z.string().optional(),
      instance: z.string().optional(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    })
    .openapi({ description: 'RFC 9457 problem details' }),
);

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

let cached: object | undefined;

export function openApiDocument(): object {
  cached ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Tiếng Dân API',
      version: '1',
      description:
        'Residents voice sentiments and petitions; the Fatherland Front triages them; agencies answer through e-mailed links.',
    },
    servers: [{ url: '/' }],
  });
  return cached;
}
