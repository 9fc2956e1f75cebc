import { describe, expect, it } from 'vitest';
import { keys, recordFields } from '../test/javaRecords';
import { metaSchema } from './envelope';

describe('envelope meta', () => {
  it('coversEveryStandardResponseMetaKey', () => {
    const meta = recordFields('common-contracts/src/main/java/com/agentobs/contracts/api/ResponseMeta.java', 'ResponseMeta').filter((k) => k !== 'extra');
    expect(meta.filter((k) => !keys(metaSchema).includes(k))).toEqual([]);
  });
});
