import { describe, it } from 'vitest';
import { expectCovers, expectStrict, field } from '../../test/javaRecords';
import { evidenceSchema, factSchema, insightCardSchema, insightsSchema, postmortemDraftSchema } from './api';

const INSIGHTS = 'gemini-service/src/main/java/com/agentobs/gemini/insights/';

describe('insights schemas are strict and cover the gemini-service records', () => {
  it('insights', () => {
    expectCovers(insightsSchema, `${INSIGHTS}InsightsResponse.java`, 'InsightsResponse');
    expectCovers(field(insightsSchema, 'usage'), `${INSIGHTS}InsightsResponse.java`, 'Usage');
    expectCovers(insightCardSchema, `${INSIGHTS}InsightCard.java`, 'InsightCard');
    expectCovers(factSchema, `${INSIGHTS}Fact.java`, 'Fact');
    expectCovers(evidenceSchema, `${INSIGHTS}Evidence.java`, 'Evidence');
    [insightsSchema, insightCardSchema, factSchema, evidenceSchema].forEach(expectStrict);
  });

  it('postmortem draft', () => {
    expectCovers(postmortemDraftSchema, `${INSIGHTS}PostmortemDraft.java`, 'PostmortemDraft');
    expectCovers(field(postmortemDraftSchema, 'timeline'), `${INSIGHTS}PostmortemFacts.java`, 'TimelineEntry');
    expectStrict(postmortemDraftSchema);
  });
});
