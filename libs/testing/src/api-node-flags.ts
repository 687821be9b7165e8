/**
 * The node options the api runs with: those of `npm run start:prod` (package.json), which the
 * Dockerfile's CMD repeats (api-node-flags.spec.ts holds the two together). The tests and the
 * bench start the api with them too, so what they measure is what ships.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository: the nearest directory above this file with a package.json (from source or from dist/). */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}
export const API_MAIN_PATH = 'dist/apps/api/src/main.js';

/** The words of a command `node [options…] dist/apps/api/src/main.js`: its options. */
export function nodeFlagsOf(command: string): string[] {
  const words = command.trim().split(/\s+/);
  const main = words.indexOf(API_MAIN_PATH);
  if (words[0] !== 'node' || main < 0 || main !== words.length - 1)
    throw new Error(`expected "node [options] ${API_MAIN_PATH}", got "${command}"`);
  return words.slice(1, main);
}

export function apiNodeFlags(root = repoRoot()): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return nodeFlagsOf(pkg.scripts['start:prod']);
}
