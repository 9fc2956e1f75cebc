import { describe, it } from 'vitest';
import { expectCovers, expectStrict, field } from '../../test/javaRecords';
import {
  alertItemSchema, causeSchema, channelSchema, channelTestSchema, departmentSeveritySchema, escalationPolicySchema, incidentDetailSchema, incidentSchema, kpisSchema, mttrSchema,
  postmortemSchema, previewFiringSchema, rulePreviewSchema, ruleSchema, silenceSchema, sloSchema,
} from './api';

const ALERT = 'alert-service/src/main/java/com/agentobs/alert/';
const VIEWS = `${ALERT}incidents/IncidentViews.java`;

describe('incident schemas are strict and cover the alert-service records', () => {
  it('alerts, rules, silences, SLOs', () => {
    expectCovers(alertItemSchema, `${ALERT}alerts/AlertItem.java`, 'AlertItem');
    expectCovers(silenceSchema, `${ALERT}alerts/Silence.java`, 'Silence');
    expectCovers(ruleSchema, `${ALERT}rules/AlertRule.java`, 'AlertRule');
    expectCovers(field(ruleSchema, 'burn_windows'), `${ALERT}rules/AlertRule.java`, 'BurnWindow');
    expectCovers(sloSchema, `${ALERT}slo/SloStatus.java`, 'SloStatus');
    expectCovers(rulePreviewSchema, `${ALERT}engine/RulePreview.java`, 'Result');
    expectCovers(previewFiringSchema, `${ALERT}engine/RulePreview.java`, 'Firing');
    expectCovers(channelSchema, `${ALERT}notify/Channel.java`, 'Channel');
    expectCovers(channelTestSchema, `${ALERT}notify/ChannelsController.java`, 'ChannelTest');
    expectCovers(escalationPolicySchema, `${ALERT}rules/EscalationPolicy.java`, 'EscalationPolicy');
    expectStrict(escalationPolicySchema);
    [alertItemSchema, silenceSchema, ruleSchema, sloSchema, rulePreviewSchema, previewFiringSchema, channelSchema, channelTestSchema].forEach(expectStrict);
  });

  it('incidents', () => {
    expectCovers(incidentSchema, VIEWS, 'IncidentItem');
    expectCovers(incidentDetailSchema, VIEWS, 'IncidentDetail');
    expectCovers(field(incidentDetailSchema, 'events'), VIEWS, 'IncidentEvent');
    expectCovers(field(incidentDetailSchema, 'alerts'), VIEWS, 'LinkedAlert');
    expectCovers(postmortemSchema, VIEWS, 'Postmortem');
    expectCovers(field(postmortemSchema, 'action_items'), VIEWS, 'ActionItem');
    expectCovers(kpisSchema, VIEWS, 'IncidentKpis');
    expectCovers(mttrSchema, VIEWS, 'MttrView');
    expectCovers(field(mttrSchema, 'by_severity'), VIEWS, 'SeverityStats');
    expectCovers(departmentSeveritySchema, VIEWS, 'DepartmentSeverity');
    expectCovers(causeSchema, VIEWS, 'Cause');
    [incidentSchema, incidentDetailSchema, postmortemSchema, kpisSchema, mttrSchema, departmentSeveritySchema, causeSchema].forEach(expectStrict);
  });
});
