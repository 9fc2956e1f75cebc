import { describe, it } from 'vitest';
import { expectCovers, expectStrict, field } from '../../test/javaRecords';
import {
  actionTypeSchema, definitionSchema, executionSchema, executionStepSchema, overviewSchema, playbookDetailSchema, playbookItemSchema,
  scheduledRunSchema, stepSchema,
} from './api';

const AUTOMATION = 'alert-service/src/main/java/com/agentobs/alert/automation/';
const VIEWS = `${AUTOMATION}AutomationViews.java`;

describe('automation schemas are strict and cover the alert-service records', () => {
  it('playbooks and their definition', () => {
    expectCovers(definitionSchema, `${AUTOMATION}PlaybookDefinition.java`, 'PlaybookDefinition');
    expectCovers(stepSchema, `${AUTOMATION}PlaybookStep.java`, 'PlaybookStep');
    expectCovers(playbookItemSchema, VIEWS, 'PlaybookItem');
    expectCovers(field(playbookDetailSchema, 'playbook'), `${AUTOMATION}Playbook.java`, 'Playbook');
    expectCovers(playbookDetailSchema, VIEWS, 'PlaybookDetail');
    expectCovers(scheduledRunSchema, VIEWS, 'ScheduledRun');
    [definitionSchema, stepSchema, playbookItemSchema, playbookDetailSchema, scheduledRunSchema, actionTypeSchema].forEach(expectStrict);
  });

  it('executions and the overview', () => {
    expectCovers(executionSchema, `${AUTOMATION}Execution.java`, 'Execution');
    expectCovers(executionStepSchema, `${AUTOMATION}Execution.java`, 'Step');
    expectCovers(overviewSchema, VIEWS, 'Overview');
    expectCovers(field(overviewSchema, 'kpis'), VIEWS, 'Kpis');
    expectCovers(field(overviewSchema, 'history'), VIEWS, 'HistoryPoint');
    expectCovers(field(overviewSchema, 'by_playbook'), VIEWS, 'PlaybookOutcome');
    expectCovers(field(overviewSchema, 'trigger_sources'), VIEWS, 'TriggerSource');
    expectCovers(field(overviewSchema, 'step_failures'), VIEWS, 'StepFailure');
    expectCovers(field(overviewSchema, 'mttr'), VIEWS, 'Mttr');
    expectCovers(field(overviewSchema, 'actions_by_type'), VIEWS, 'ActionType');
    [executionSchema, executionStepSchema, overviewSchema].forEach(expectStrict);
  });
});
