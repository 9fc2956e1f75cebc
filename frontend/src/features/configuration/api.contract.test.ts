import { describe, it } from 'vitest';
import { expectCovers, expectStrict } from '../../test/javaRecords';
import {
  approvalSchema, complianceSchema, decisionSchema, driftRowSchema, matrixRowSchema, overviewSchema, timelineEntrySchema,
  velocityCellSchema, versionDiffSchema,
} from './api';

const G = 'guardrail-service/src/main/java/com/agentobs/guardrail/configuration/';

describe('configuration schemas are strict and cover the guardrail records', () => {
  it('reads', () => {
    expectCovers(overviewSchema, `${G}read/ConfigurationQueries.java`, 'Overview');
    expectCovers(timelineEntrySchema, `${G}read/ConfigurationQueries.java`, 'TimelineEntry');
    expectCovers(velocityCellSchema, `${G}read/ConfigurationQueries.java`, 'VelocityCell');
    expectCovers(driftRowSchema, `${G}drift/DriftFindings.java`, 'Row');
    expectCovers(versionDiffSchema, `${G}diff/DiffController.java`, 'VersionDiff');
    expectCovers(complianceSchema, `${G}policy/GovernancePoliciesController.java`, 'ComplianceResponse');
    expectCovers(approvalSchema, `${G}approvals/Approvals.java`, 'Approval');
    expectCovers(matrixRowSchema, `${G}rbac/RbacController.java`, 'MatrixRow');
    expectCovers(decisionSchema, `${G}approvals/ApprovalsController.java`, 'DecisionResponse');
    [overviewSchema, timelineEntrySchema, velocityCellSchema, driftRowSchema, versionDiffSchema, complianceSchema, approvalSchema,
      matrixRowSchema, decisionSchema].forEach(expectStrict);
  });
});
