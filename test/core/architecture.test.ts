import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * What is still to be moved to the shape of docs/architecture.md, listed so that it can only shrink: a web file
 * newly importing a server store, or a new route without a response schema, fails; one that is fixed must be
 * taken off the list (the test says so).
 */
const KNOWN = JSON.parse(
  fs.readFileSync(path.join(root, 'test/fixtures/architecture/known-exceptions.json'), 'utf8'),
) as { cycles: string[]; webStoreImports: string[]; routesWithoutResponseSchema: string[] };

/** Fails on anything not on the known list, and on a listed entry that no longer occurs. */
function expectOnlyKnown(found: readonly string[], known: readonly string[]): void {
  expect({
    new: found.filter((f) => !known.includes(f)),
    fixed: known.filter((k) => !found.includes(k)),
  }).toEqual({
    new: [],
    fixed: [],
  });
}
const src = path.join(root, 'src');

function filesUnder(dir: string, ext = /\.tsx?$/): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, ext);
    return ext.test(entry.name) ? [full] : [];
  });
}

/** Relative imports of a file (static `import … from`, `export … from` and dynamic `import()`). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    found.push(path.resolve(path.dirname(file), match[1]!));
  }
  return found;
}

/** The top-level folder of `src/` a file belongs to (`catalogue`, `core` …); files directly in src/ are `app`. */
function domainOf(file: string): string | undefined {
  const relative = path.relative(src, file);
  if (relative.startsWith('..')) return undefined;
  const [first, second] = relative.split(path.sep);
  return second === undefined ? 'app' : first;
}

function domainGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of filesUnder(src)) {
    const from = domainOf(file)!;
    for (const target of importsOf(file)) {
      const to = domainOf(target);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      // Keep one example import per edge, to name it when the edge closes a cycle.
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, path.relative(root, file));
    }
  }
  return graph;
}

describe('the architecture', () => {
  it('has no import cycle between domain folders', () => {
    const graph = domainGraph();
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]): void => {
      for (const next of graph.get(node)?.keys() ?? []) {
        const at = trail.indexOf(next);
        if (at >= 0) {
          const cycle = [...trail.slice(at), next];
          const key = [...cycle.slice(0, -1)].sort().join(',');
          if (!cycles.some((c) => c.startsWith(key + ':')))
            cycles.push(
              `${key}: ${cycle
                .slice(0, -1)
                .map((n, i) => `${n} → ${cycle[i + 1]} (${graph.get(n)!.get(cycle[i + 1]!)})`)
                .join(', ')}`,
            );
          continue;
        }
        visit(next, [...trail, next]);
      }
    };
    for (const node of graph.keys()) visit(node, [node]);
    expectOnlyKnown(
      cycles.map((c) => c.slice(0, c.indexOf(':'))),
      KNOWN.cycles,
    );
  });

  it('keeps the core free of domains: core imports nothing but core', () => {
    const graph = domainGraph();
    const fromCore = [...(graph.get('core')?.entries() ?? [])].filter(([to]) => to !== 'types');
    expect(fromCore).toEqual([]);
  });

  it('lets the web import no server store', () => {
    const offenders = filesUnder(path.join(root, 'web', 'src')).flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith(src) && /(^|[/\\])store[^/\\]*$|[/\\]store[/\\]/.test(target))
        .map((target) => `${path.relative(root, file)} → ${path.relative(root, target)}`),
    );
    expectOnlyKnown([...new Set(offenders)], KNOWN.webStoreImports);
  });

  it('declares a response schema for every 2xx answer of every API route', async () => {
    const { startTestApp } = await import('../support/app.ts');
    const { databaseKinds } = await import('../support/databases.ts');
    const { app, close } = await startTestApp(databaseKinds()[0]!, { demo: false });
    try {
      const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<
          string,
          Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
        >;
      };
      const missing: string[] = [];
      for (const [route, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const success = Object.entries(operation.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
          // A 2xx answer declares what it carries; 204 carries nothing. Swagger's placeholder has no content.
          const declared = success.some(
            ([code, answer]) =>
              code === '204' ||
              Object.values(answer.content ?? {}).some((media) => media.schema !== undefined),
          );
          if (!declared) missing.push(`${method.toUpperCase()} ${route}`);
        }
      }
      expectOnlyKnown(missing, KNOWN.routesWithoutResponseSchema);
    } finally {
      await close();
    }
  });
});
