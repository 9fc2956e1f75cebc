import { describe, expect, it } from 'vitest';
import { kappaWords } from './Agreement';

describe('kappaWords', () => {
  it('names the Landis & Koch band of a kappa', () => {
    expect(kappaWords(null)).toBe('undefined');
    expect(kappaWords(-0.1)).toBe('worse than chance');
    expect(kappaWords(0.4)).toBe('fair');
    expect(kappaWords(0.6)).toBe('moderate');
    expect(kappaWords(0.75)).toBe('substantial');
    expect(kappaWords(0.95)).toBe('almost perfect');
  });
});
