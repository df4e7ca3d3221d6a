import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of a folder of TypeScript, read with the compiler's own import scanner (type
 * imports count: a circle of types is still two modules that cannot be understood apart). Only
 * relative imports are followed; packages are leaves.
 */
export function importGraph(root: string): Map<string, string[]> {
  const files = listTs(root);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const deps = info.importedFiles
      .map((i) => i.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => resolveTs(dirname(file), s))
      .filter((p): p is string => p !== null);
    graph.set(rel(root, file), [...new Set(deps.map((d) => rel(root, d)))]);
  }
  return graph;
}

/** Every circle: each strongly connected group of modules (Tarjan), listed by file, smallest first. */
export function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out.sort((a, b) => a.length - b.length || a[0]!.localeCompare(b[0]!));
}

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'node_modules' || n === 'dist' ? [] : listTs(p);
    return /\.tsx?$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

/** './x.js' as TypeScript with NodeNext resolution writes it: x.ts, x.tsx or x/index.ts. */
function resolveTs(from: string, spec: string): string | null {
  const base = resolve(from, spec.replace(/\.(m?js|jsx)$/, ''));
  for (const c of [`${base}.ts`, `${base}.tsx`, base, join(base, 'index.ts')]) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

function rel(root: string, p: string): string {
  return relative(root, p).replaceAll('\\', '/');
}
