import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../api';
import { describeActionType, describeActor } from './ActionTrail';

const row = (patch: Partial<ActionRecord>): ActionRecord => ({
  action_id: 'a1', action_type: 'agent.pause', action_scope: 'agent', status: 'completed', actor_type: 'user', actor_user_id: 'u-2', actor_subject: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  target_type: 'agent', target_id: 'support-agent-3', action_params: null, result: null, rollback_action_id: null, rollback_available: true,
  created_at: '2026-11-26T00:00:00Z', updated_at: null, completed_at: null, ...patch,
});

describe('ActionTrail wording', () => {
  it('callsTheCurrentUserYou_andOthersByTheirSubject', () => {
    expect(describeActor(row({ actor_user_id: 'me' }), 'me')).toBe('you');
    expect(describeActor(row({}), 'me')).toBe('user 7c9e6679');
    expect(describeActor(row({ actor_type: 'agent', actor_user_id: null, actor_subject: 'apikey:1234567890' }), 'me')).toBe('agent 12345678');
    expect(describeActor(row({ actor_type: 'automation', actor_user_id: null, actor_subject: null }), 'me')).toBe('Automation');
  });

  it('namesKnownActionTypes_andHumanizesOthers', () => {
    expect(describeActionType('agent.pause')).toBe('Paused');
    expect(describeActionType('action.rollback')).toBe('Undid an action on');
    expect(describeActionType('experiment.start')).toBe('Experiment start');
  });
});
