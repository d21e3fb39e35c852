import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('credentials stays below issuing and verification', () => {
  it('imports nothing from issuing or verification, so the folders form no cycle', () => {
    const offending = sourceFiles(join(process.cwd(), 'src/credentials')).filter((file) =>
      /from '\.\.\/(issuing|verification)\//.test(readFileSync(file, 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});
