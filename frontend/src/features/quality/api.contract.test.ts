import { describe, it } from 'vitest';
import { expectCovers, expectStrict, field } from '../../test/javaRecords';
import { backfillSchema, ruleSchema, agreementSchema, confusionSchema, criterionScoreSchema, intentScoreSchema, qualityCostSchema, criterionSchema, groupScoreSchema, lowScoreSchema, overviewSchema, queueItemSchema, rubricSchema, scoreDetailSchema, traceScoresSchema, trendPointSchema } from './api';

const EVAL = 'evaluation-service/src/main/java/com/agentobs/evaluation/';

describe('quality schemas are strict and cover the evaluation-service records', () => {
  it('quality', () => {
    const f = `${EVAL}quality/QualityResponses.java`;
    expectCovers(overviewSchema, f, 'Overview');
    expectCovers(field(overviewSchema, 'distribution'), f, 'Bands');
    expectCovers(trendPointSchema, f, 'TrendPoint');
    expectCovers(groupScoreSchema, f, 'GroupScore');
    expectCovers(lowScoreSchema, f, 'LowScore');
    expectCovers(traceScoresSchema, f, 'TraceScores');
    expectCovers(scoreDetailSchema, f, 'ScoreDetail');
    expectCovers(agreementSchema, f, 'EvaluatorAgreement');
    expectCovers(criterionScoreSchema, f, 'CriterionScore');
    expectCovers(qualityCostSchema, f, 'QualityCost');
    expectCovers(intentScoreSchema, f, 'IntentScore');
    expectCovers(confusionSchema, f, 'Confusion');
    expectCovers(ruleSchema, `${EVAL}online/RuleView.java`, 'RuleView');
    expectCovers(backfillSchema, `${EVAL}online/Backfill.java`, 'Backfill');
    expectCovers(queueItemSchema, `${EVAL}review/ReviewQueue.java`, 'QueueItem');
    expectCovers(rubricSchema, `${EVAL}rubric/Rubric.java`, 'Rubric');
    expectCovers(criterionSchema, `${EVAL}rubric/Criterion.java`, 'Criterion');
    [overviewSchema, trendPointSchema, groupScoreSchema, lowScoreSchema, traceScoresSchema, queueItemSchema, rubricSchema, agreementSchema, criterionScoreSchema, qualityCostSchema, intentScoreSchema, ruleSchema, backfillSchema].forEach(expectStrict);
  });
});
