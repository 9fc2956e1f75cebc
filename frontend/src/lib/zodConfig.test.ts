import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

describe('public/zod-config.js', () => {
  it('makesZodBuildAndParseObjectSchemas_withoutEverCallingTheFunctionConstructor', async () => {
    vi.resetModules();
    const Real = globalThis.Function;
    const calls: unknown[][] = [];
    // a stand-in that records calls; the CSP in the browser turns any such call into a logged violation
    vi.stubGlobal('Function', new Proxy(Real, { construct: (target, args) => { calls.push(args); return Reflect.construct(target, args); } }));
    try {
      const script = '../../public/zod-config.js'; // a plain script, not a typed module
      await import(/* @vite-ignore */ script);
      const { z } = await import('zod');
      const schema = z.object({ a: z.string(), b: z.number().optional() });
      expect(schema.parse({ a: 'x', b: 1 })).toEqual({ a: 'x', b: 1 });
      expect(z.config().jitless).toBe(true);
      expect(calls).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('isAClassicScriptInTheHead_soItRunsBeforeAnyModuleChunk', () => {
    const html = readFileSync(resolve(process.cwd(), 'index.html'), 'utf8');
    const config = html.indexOf('<script src="/zod-config.js"></script>');
    expect(config).toBeGreaterThan(-1);
    expect(config).toBeLessThan(html.indexOf('</head>'));
    expect(config).toBeLessThan(html.indexOf('<script type="module"'));
  });
});
