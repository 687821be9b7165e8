/**
 * The build serves src/router/index.tsx for 'react-router' (vite.config.ts). This keeps every name
 * the app imports from 'react-router' to the ones that file has, so that a screen using another
 * part of React Router fails here, by name, rather than in the build or in a browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.spec\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe("the app's router", () => {
  it("has every name the app imports from 'react-router'", () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, '..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'react-router'/g)) {
        if (m[1]) continue; // types come from React Router's own declarations
        for (const name of m[2].split(',').map((n) => n.trim().replace(/^type\s+/, '')))
          if (name && !m[2].includes(`type ${name}`)) used.add(name.split(/\s+as\s+/)[0]);
      }
    }
    expect(used.size).toBeGreaterThan(5);
    const exported = new Set(
      [...readFileSync(join(__dirname, 'index.tsx'), 'utf8').matchAll(/^export (?:function|const) (\w+)/gm)].map((m) => m[1]),
    );
    expect(exported.has('Routes')).toBe(true);
    const missing = [...used].filter((name) => !exported.has(name));
    expect(missing).toEqual([]);
  });
});
