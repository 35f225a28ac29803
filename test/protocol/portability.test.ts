import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../src/protocol/', import.meta.url));
const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts'));
/** Source without comments, so that prose may mention Node. */
const code = (file: string) =>
  readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');

describe('The protocol core runs anywhere: no Node', () => {
  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    it(`src/protocol/${file} imports nothing from node: and uses no Buffer or process`, () => {
      const source = code(file);
      expect(source).not.toMatch(/from\s+['"]node:/);
      expect(source).not.toMatch(/import\(\s*['"]node:/);
      expect(source).not.toMatch(/require\(/);
      expect(source).not.toMatch(/\bBuffer\b/);
      expect(source).not.toMatch(/\bprocess\./);
      for (const [, specifier] of source.matchAll(/from\s+['"]([^'"]+)['"]/g)) expect(specifier!.startsWith('.'), specifier).toBe(true);
    });
  }
});
