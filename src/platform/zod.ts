import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Schemas that document the API import `z` from here, so `.openapi()` exists.
extendZodWithOpenApi(z);

export { z };
