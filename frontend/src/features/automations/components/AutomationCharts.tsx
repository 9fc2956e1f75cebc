import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, ChartFrame, useAxisProps } from '../../../components';
import { formatDateTime, humanize } from '../../../lib/format';
import { useFilters } from '../../filters';
import { useOverview, useSchedule } from '../api';
import { groupByDay, stepLabel } from '../lib/mapping';

const H = 260;
export const OUTCOME_COLORS = { succeeded: '#16a34a', failed: '#dc2626', cancelled: '#6b7280', other: '#d97706', rolled_back: '#7c3aed' };

/** 11.1: live executions per day by outcome. */
export function ExecutionHistory() {
  const { apiParams } = useFilters();
  const query = useOverview(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Execution History" number="11.1" className="card--wide" query={query} height={H}
      subtitle="Playbook runs per day (UTC) by outcome; dry-runs are not counted. Failed includes runs rolled back."
      emptyReason={(o) => (o.history.length === 0 ? 'No playbook ran in this range.' : null)}>
      {(o) => (
        <ChartFrame height={H}>
          <BarChart data={o.history} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="date" {...ax.axis} />
            <YAxis {...ax.axis} allowDecimals={false} width={36} />
            <Tooltip {...ax.tooltip} />
            <Legend />
            <Bar dataKey="succeeded" stackId="s" fill={OUTCOME_COLORS.succeeded} />
            <Bar dataKey="failed" stackId="s" fill={OUTCOME_COLORS.failed} />
            <Bar dataKey="cancelled" stackId="s" fill={OUTCOME_COLORS.cancelled} />
            <Bar dataKey="other" name="skipped / pending" stackId="s" fill={OUTCOME_COLORS.other} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** 11.2: outcomes per playbook. */
export function OutcomesByPlaybook() {
  const { apiParams } = useFilters();
  const query = useOverview(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Success / Failure by Playbook" number="11.2" query={query} height={H}
      subtitle="Runs of each playbook in the range by outcome."
      emptyReason={(o) => (o.by_playbook.length === 0 ? 'No playbook ran in this range.' : null)}>
      {(o) => (
        <ChartFrame height={H}>
          <BarChart data={o.by_playbook} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis type="number" {...ax.axis} allowDecimals={false} />
            <YAxis type="category" dataKey="name" {...ax.axis} width={150} />
            <Tooltip {...ax.tooltip} />
            <Legend />
            <Bar dataKey="succeeded" stackId="s" fill={OUTCOME_COLORS.succeeded} />
            <Bar dataKey="failed" stackId="s" fill={OUTCOME_COLORS.failed} />
            <Bar dataKey="other" name="cancelled / skipped / pending" stackId="s" fill={OUTCOME_COLORS.cancelled} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** 11.3: the last 7 days' schedule slots (with their outcome) and the next 7 days'. */
export function ScheduleCalendar() {
  const query = useSchedule(7);
  return (
    <ChartCard title="Scheduled Runs" number="11.3" className="card--wide" query={query} height={H}
      subtitle="Cron slots of the last and next 7 days (UTC): past ones with the outcome of their run, upcoming ones planned."
      emptyReason={(runs) => (runs.length === 0 ? 'No scheduled playbook: give one a schedule trigger.' : null)}>
      {(runs) => (
        <div className="automations-calendar" style={{ maxHeight: H, overflowY: 'auto' }}>
          {groupByDay(runs).map(({ day, runs: slots }) => (
            <div key={day} className="automations-calendar__day">
              <strong>{day}</strong>
              <ul>
                {slots.map((r) => (
                  <li key={`${r.playbook_id}-${r.scheduled_for}`} className={`automations-slot automations-slot--${r.status}`}>
                    {r.scheduled_for.slice(11, 16)} {r.playbook_name} <em>{humanize(r.status)}</em>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </ChartCard>
  );
}

/** 11.4: what started the runs. */
export function TriggerSources() {
  const { apiParams } = useFilters();
  const query = useOverview(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Trigger Sources" number="11.4" query={query} height={H}
      subtitle="Live runs by what started them: alert, SLO breach, metric threshold, schedule or a person."
      emptyReason={(o) => (o.trigger_sources.length === 0 ? 'No playbook ran in this range.' : null)}>
      {(o) => (
        <ChartFrame height={H}>
          <BarChart data={o.trigger_sources.map((s) => ({ ...s, label: humanize(s.trigger_source) }))} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="label" {...ax.axis} />
            <YAxis {...ax.axis} allowDecimals={false} width={36} />
            <Tooltip {...ax.tooltip} />
            <Bar dataKey="executions" fill="#2563eb" />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** 11.5: the steps that fail most. */
export function StepFailureHotspots() {
  const { apiParams } = useFilters();
  const query = useOverview(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Step Failure Hot-spots" number="11.5" query={query} height={H}
      subtitle="Failed step runs by playbook step (top 20), beside how often that step ran."
      emptyReason={(o) => (o.step_failures.length === 0 ? 'No step failed in this range.' : null)}>
      {(o) => (
        <ChartFrame height={H}>
          <BarChart data={o.step_failures.map((f) => ({ ...f, label: stepLabel(f) }))} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis type="number" {...ax.axis} allowDecimals={false} />
            <YAxis type="category" dataKey="label" {...ax.axis} width={220} />
            <Tooltip {...ax.tooltip} />
            <Legend />
            <Bar dataKey="failures" fill={OUTCOME_COLORS.failed} />
            <Bar dataKey="runs" fill="#94a3b8" />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** 11.6: incidents a playbook resolved against those people resolved. */
export function MttrAutomatedVsManual() {
  const { apiParams } = useFilters();
  const query = useOverview(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="MTTR: Automated vs Manual" number="11.6" query={query} height={H}
      subtitle="Mean minutes from detection to resolution of the incidents detected in the range."
      emptyReason={(o) => (o.mttr.length === 0 ? 'No incident was resolved in this range.' : null)}>
      {(o) => (
        <ChartFrame height={H}>
          <BarChart data={o.mttr.map((m) => ({ ...m, label: `${humanize(m.resolution)} (${m.incidents})` }))} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis dataKey="label" {...ax.axis} />
            <YAxis {...ax.axis} width={44} unit=" m" />
            <Tooltip {...ax.tooltip} />
            <Bar dataKey="mttr_minutes" name="MTTR (minutes)" fill="#0d9488" />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

/** 11.7: the actions playbooks ran, by type. */
export function ActionsByType() {
  const { apiParams } = useFilters();
  const query = useOverview(apiParams);
  const ax = useAxisProps();
  return (
    <ChartCard title="Actions by Automation Type" number="11.7" query={query} height={H}
      subtitle="Step actions run by playbooks, by action type and outcome (the owning service in the tooltip)."
      emptyReason={(o) => (o.actions_by_type.length === 0 ? 'No playbook step ran in this range.' : null)}>
      {(o) => (
        <ChartFrame height={H}>
          <BarChart data={o.actions_by_type} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid {...ax.grid} />
            <XAxis type="number" {...ax.axis} allowDecimals={false} />
            <YAxis type="category" dataKey="action_type" {...ax.axis} width={170} />
            <Tooltip {...ax.tooltip} />
            <Legend />
            <Bar dataKey="succeeded" stackId="s" fill={OUTCOME_COLORS.succeeded} />
            <Bar dataKey="failed" stackId="s" fill={OUTCOME_COLORS.failed} />
            <Bar dataKey="rolled_back" name="rolled back" stackId="s" fill={OUTCOME_COLORS.rolled_back} />
          </BarChart>
        </ChartFrame>
      )}
    </ChartCard>
  );
}

export { formatDateTime };
