import { describe, expect, it } from 'vitest';
import { QUERY, recordFields } from './javaRecords';

describe('recordFields', () => {
  it('recordFieldsReadsJavaRecordComponents', () => {
    expect(recordFields(`${QUERY}home/ActivityItem.java`, 'ActivityItem')).toEqual([
      'action_id', 'action_type', 'action_scope', 'actor_type', 'target_type', 'target_id', 'status', 'created_at', 'completed_at',
    ]);
  });
});
