// Creates the accounts a benchmark acts as, with the project's own code (the built
// app in dist/): an admin and an officer of one jurisdiction, each with an API token
// (`Authorization: Bearer <token>`). Prints one JSON line on stdout:
//   {"admin":{"id","token"},"officer":{"id","token","jurisdictionCode"}}
// Configuration comes from the same environment as the API (MONGODB_URL, REDIS_URL…).
//   node scripts/bench/make-officer.mjs [jurisdiction code, default minh-hoa]
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import process from 'node:process';

const dist = createRequire(import.meta.url);
const { loadConfig } = dist('../../dist/config/env.js');
const { createDeps, closeDeps } = dist('../../dist/src/deps.js');
const { createOfficer, createApiToken } = dist('../../dist/src/officers/service.js');

async function main() {
  const jurisdictionCode = process.argv[2] ?? 'minh-hoa';
  const deps = await createDeps(loadConfig());
  try {
    const suffix = randomBytes(4).toString('hex');
    const password = () => randomBytes(18).toString('base64url');
    const admin = await createOfficer(deps, {
      email: `bench-admin-${suffix}@bench.invalid`,
      name: 'Quản trị viên (benchmark)',
      role: 'admin',
      password: password(),
    });
    const officer = await createOfficer(deps, {
      email: `bench-officer-${suffix}@bench.invalid`,
      name: 'Cán bộ Mặt trận (benchmark)',
      role: 'officer',
      jurisdictionCode,
      password: password(),
    });
    const adminToken = await createApiToken(deps, admin._id, 'inbox benchmark');
    const officerToken = await createApiToken(deps, officer._id, 'inbox benchmark');
    process.stdout.write(
      `${JSON.stringify({
        admin: { id: String(admin._id), token: adminToken.token },
        officer: { id: String(officer._id), token: officerToken.token, jurisdictionCode },
      })}\n`,
    );
  } finally {
    await closeDeps(deps);
  }
}

main().catch((err) => {
  process.stderr.write(`make-officer: ${err?.stack ?? err}\n`);
  process.exit(1);
});
