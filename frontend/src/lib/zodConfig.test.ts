import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

describe('zodConfig', () => {
  it('buildsAndParsesObjectSchemas_withoutEverCallingTheFunctionConstructor', async () => {
    vi.resetModules();
    const Real = globalThis.Function;
    const calls: unknown[][] = [];
    // a stand-in that records calls; the CSP in the browser turns any such call into a logged violation
    vi.stubGlobal('Function', new Proxy(Real, { construct: (target, args) => { calls.push(args); return Reflect.construct(target, args); } }));
    try {
      await import('./zodConfig');
      const { z } = await import('zod');
      const schema = z.object({ a: z.string(), b: z.number().optional() });
      expect(schema.parse({ a: 'x', b: 1 })).toEqual({ a: 'x', b: 1 });
      expect(z.config().jitless).toBe(true);
      expect(calls).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('isTheFirstImportOfTheEntryPoint_soItRunsBeforeAnySchemaIsBuilt', () => {
    const main = readFileSync(resolve(process.cwd(), 'src/main.tsx'), 'utf8');
    const firstImport = main.split('\n').find((line) => line.startsWith('import '));
    expect(firstImport).toBe("import './lib/zodConfig';");
  });
});
