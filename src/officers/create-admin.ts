import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config/env';
import { closeDeps, createDeps } from '../deps';
import { createOfficer } from './service';

/**
 * Creates an admin account: there are no default passwords.
 *   node dist/src/officers/create-admin.js --email admin@mttq.example --name "Nguyễn Văn A"
 * The password is read from ADMIN_PASSWORD, or a random one is made and printed once.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email || !values.name) {
    console.error(
      'usage: create-admin --email <e-mail> --name <full name>   (password from ADMIN_PASSWORD, or generated)',
    );
    process.exit(2);
  }
  const password = process.env.ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
  const deps = await createDeps(loadConfig());
  try {
    await createOfficer(deps, { email: values.email, name: values.name, role: 'admin', password });
    console.log(`admin ${values.email} created`);
    if (!process.env.ADMIN_PASSWORD) console.log(`password (shown once): ${password}`);
  } finally {
    await closeDeps(deps);
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : ((err as Error).message ?? err));
  process.exit(1);
});
