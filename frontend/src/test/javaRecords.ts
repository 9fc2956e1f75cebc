// Issue #8: the strict Zod schemas must accept every field the services write. Jackson writes every
// record component (nulls included, snake_case), so each schema's keys must cover the record's
// components. These helpers read the Java records themselves, so a field a service adds or renames
// fails the feature's contract test instead of breaking the dashboard at run time.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { z } from 'zod';

// vitest runs in frontend/ (the jsdom environment gives import.meta.url an http: scheme)
export const REPO = `${resolve(process.cwd(), '..')}/`;
export const QUERY = 'query-service/src/main/java/com/agentobs/query/';

/** The snake_case JSON names of `record name(...)` in a Java source file. */
export function recordFields(file: string, name: string): string[] {
  const src = readFileSync(REPO + file, 'utf8');
  const start = new RegExp(`record\\s+${name}\\s*\\(`).exec(src);
  if (!start) throw new Error(`record ${name} not found in ${file}`);
  let depth = 1;
  let i = start.index + start[0].length;
  const from = i;
  for (; depth > 0; i++) {
    if (src[i] === '(') depth++;
    if (src[i] === ')') depth--;
  }
  const body = src.slice(from, i - 1).replace(/@\w+(\([^)]*\))?/g, ' ');
  const parts: string[] = [];
  let angle = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '<') angle++;
    if (ch === '>') angle--;
    if (ch === ',' && angle === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts
    .map((p) => p.trim().split(/\s+/).pop()!)
    .filter(Boolean)
    .map((n) => n.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
}

export type Any = z.ZodType;
/** The object schema inside optional/nullable/pipe/array wrappers. */
function objectOf(schema: Any): z.ZodObject {
  let s: Any = schema;
  for (let n = 0; n < 10; n++) {
    if ('shape' in s) return s as unknown as z.ZodObject;
    const def = (s as unknown as { def: { type: string; innerType?: Any; in?: Any; out?: Any; element?: Any } }).def;
    if (def.type === 'pipe') s = (def.in && 'shape' in def.in ? def.in : def.out)!;
    else if (def.type === 'array') s = def.element!;
    else s = def.innerType!;
  }
  throw new Error('no object schema inside');
}
export const keys = (schema: Any) => Object.keys(objectOf(schema).shape);
export const field = (schema: Any, name: string) => objectOf(schema).shape[name] as Any;

export function expectCovers(schema: Any, file: string, record: string) {
  const missing = recordFields(file, record).filter((f) => !keys(schema).includes(f));
  expect(missing, `${record} fields the strict schema would reject`).toEqual([]);
}

export function expectStrict(schema: Any) {
  const def = (objectOf(schema) as unknown as { def: { catchall?: { def: { type: string } } } }).def;
  expect(def.catchall?.def.type).toBe('never');
}

