/** The api's node options are said once (package.json start:prod); the image starts it the same way. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiNodeFlags, nodeFlagsOf } from './api-node-flags';

const root = resolve(__dirname, '..', '..', '..');

describe('api node flags', () => {
  it('are those of start:prod, and the Dockerfile CMD runs node with the same', () => {
    const flags = apiNodeFlags(root);
    // One api node per cpu: V8's collector stays on the event loop's thread (BENCHMARKS.md, issue 18).
    expect(flags).toContain('--single-threaded-gc');
    const dockerfile = readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8');
    const cmd = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)].map((m) => JSON.parse(m[1]) as string[]).at(-1);
    expect(cmd).toEqual(['node', ...flags, 'dist/apps/api/src/main.js']);
  });

  it('reads only a plain node command', () => {
    expect(nodeFlagsOf('node --a --b=1 dist/apps/api/src/main.js')).toEqual(['--a', '--b=1']);
    expect(nodeFlagsOf('node dist/apps/api/src/main.js')).toEqual([]);
    expect(() => nodeFlagsOf('npm run x')).toThrow();
    expect(() => nodeFlagsOf('node dist/apps/api/src/main.js --migrate-only')).toThrow();
  });
});
