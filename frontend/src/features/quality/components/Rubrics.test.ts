import { describe, expect, it } from 'vitest';
import { draftProblem } from './Rubrics';

const c = (key: string, weight: string) => ({ key, name: key, weight, check: 'overall' });

describe('draftProblem', () => {
  it('accepts weights summing to 1', () => {
    expect(draftProblem('Tone', '75', [c('a', '0.6'), c('b', '0.4')])).toBeNull();
  });
  it('names what is wrong: weights, keys, threshold, name', () => {
    expect(draftProblem('Tone', '75', [c('a', '0.5'), c('b', '0.3')])).toMatch(/sum to 1 \(now 0.80\)/);
    expect(draftProblem('Tone', '75', [c('Bad Key', '1')])).toMatch(/keys/);
    expect(draftProblem('Tone', '120', [c('a', '1')])).toMatch(/threshold/);
    expect(draftProblem(' ', '75', [c('a', '1')])).toMatch(/name/);
  });
});
