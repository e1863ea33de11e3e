import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTransactional, withCommandMonitoring } from '../helpers/no-transactions';

/**
 * No transactions (docs/database.md): FerretDB 2.7 + DocumentDB applies each
 * write of one at once and does not roll back. The integration harness checks
 * the commands actually sent; this checks the source.
 */
const ROOT = join(__dirname, '../..');
const FORBIDDEN = /\b(startTransaction|withTransaction|startSession)\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|js|mjs|cjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

it('no code in src/, workers/ or scripts/ starts a session or a transaction', () => {
  const files = ['src', 'workers', 'scripts'].flatMap(sourceFiles);
  expect(files.length).toBeGreaterThan(50);
  const offending = files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .map((line, i) => ({ line, at: `${f.slice(ROOT.length + 1)}:${i + 1}` }))
      .filter(({ line }) => FORBIDDEN.test(line))
      .map(({ at, line }) => `${at}: ${line.trim()}`),
  );
  expect(offending).toEqual([]);
});

it('the harness recognises the commands of a transaction', () => {
  expect(isTransactional({ commandName: 'insert', command: { insert: 'x' } })).toBe(false);
  expect(
    isTransactional({
      commandName: 'insert',
      command: { insert: 'x', startTransaction: true, autocommit: false },
    }),
  ).toBe(true);
  expect(isTransactional({ commandName: 'update', command: { autocommit: false } })).toBe(true);
  expect(isTransactional({ commandName: 'commitTransaction', command: {} })).toBe(true);
  expect(isTransactional({ commandName: 'abortTransaction', command: {} })).toBe(true);
});

it('command monitoring is added to any database address', () => {
  expect(withCommandMonitoring('mongodb://127.0.0.1:1234/')).toBe(
    'mongodb://127.0.0.1:1234/?monitorCommands=true',
  );
  expect(withCommandMonitoring('mongodb://127.0.0.1:1234')).toBe(
    'mongodb://127.0.0.1:1234/?monitorCommands=true',
  );
  expect(withCommandMonitoring('mongodb://a:1,b:2/db?replicaSet=rs')).toBe(
    'mongodb://a:1,b:2/db?replicaSet=rs&monitorCommands=true',
  );
});
