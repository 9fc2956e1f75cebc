import { useId, useState, type ChangeEvent } from 'react';
import { timeZoneLabel } from '../../lib/format';
import { useFilterOptions, type Option } from './api';
import { useFilters } from './FilterContext';
import { RANGE_LABELS, TIME_RANGES, type FilterState, type TimeRange } from './filterState';

function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

interface SelectProps {
  id: string;
  label: string;
  allLabel: string;
  value: string | undefined;
  options: Option[] | undefined;
  loading: boolean;
  failed: boolean;
  onChange(value: string | undefined): void;
}

function FilterSelect({ id, label, allLabel, value, options, loading, failed, onChange }: SelectProps) {
  const list = options ?? [];
  // Keep a value from a shared link selectable even before (or without) its option.
  const withCurrent = value && !list.some((o) => o.value === value) ? [{ value, label: value }, ...list] : list;
  return (
    <div className="filter-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value || undefined)}
        aria-busy={loading}
        title={failed ? `Could not load ${label.toLowerCase()} options` : undefined}
      >
        <option value="">{loading ? 'Loading…' : allLabel}</option>
        {withCurrent.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

export function FilterBar({ showAgent = true }: { showAgent?: boolean }) {
  const { filters, setFilters, defaultRange } = useFilters();
  const options = useFilterOptions();
  const base = useId();
  const [customFrom, setCustomFrom] = useState(() => toLocalInput(filters.from));
  const [customTo, setCustomTo] = useState(() => toLocalInput(filters.to));
  const [showCustom, setShowCustom] = useState(filters.timeRange === 'custom');
  const [copied, setCopied] = useState(false);

  const patch = (changes: Partial<FilterState>) => setFilters({ ...filters, ...changes });

  function onRange(value: TimeRange) {
    if (value === 'custom') {
      setShowCustom(true);
      if (!customFrom || !customTo) {
        const now = Date.now();
        setCustomFrom(toLocalInput(new Date(now - 86_400_000).toISOString()));
        setCustomTo(toLocalInput(new Date(now).toISOString()));
      }
      return;
    }
    setShowCustom(false);
    setFilters({ ...filters, timeRange: value, from: undefined, to: undefined });
  }

  const fromIso = fromLocalInput(customFrom);
  const toIso = fromLocalInput(customTo);
  const customValid = Boolean(fromIso && toIso && Date.parse(fromIso) < Date.parse(toIso));

  const agentOptions = (options.agents.data ?? []).filter((a) => !filters.department || !a.department || a.department === filters.department);

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }

  const hasFilters = Boolean(filters.department || filters.environment || filters.version || filters.agentId || filters.timeRange !== defaultRange);

  return (
    <section className="filter-bar" aria-label="Filters">
      <div className="filter-field">
        <label htmlFor={`${base}-range`}>Time range</label>
        <select id={`${base}-range`} value={showCustom ? 'custom' : filters.timeRange} onChange={(e) => onRange(e.target.value as TimeRange)}>
          {TIME_RANGES.map((r) => (
            <option key={r} value={r}>{RANGE_LABELS[r]}</option>
          ))}
        </select>
      </div>
      {showCustom && (
        <fieldset className="filter-custom">
          <legend className="sr-only">Custom range</legend>
          <div className="filter-field">
            <label htmlFor={`${base}-from`}>From</label>
            <input id={`${base}-from`} type="datetime-local" value={customFrom} onChange={(e) => setCustomFrom(e.target.value)} />
          </div>
          <div className="filter-field">
            <label htmlFor={`${base}-to`}>To</label>
            <input id={`${base}-to`} type="datetime-local" value={customTo} onChange={(e) => setCustomTo(e.target.value)} />
          </div>
          <button
            type="button"
            className="btn"
            disabled={!customValid}
            onClick={() => fromIso && toIso && patch({ timeRange: 'custom', from: fromIso, to: toIso })}
          >
            Apply
          </button>
        </fieldset>
      )}
      <FilterSelect
        id={`${base}-department`}
        label="Department"
        allLabel="All departments"
        value={filters.department}
        options={options.departments.data}
        loading={options.departments.isLoading}
        failed={options.departments.isError}
        onChange={(department) => patch({ department, agentId: undefined })}
      />
      <FilterSelect
        id={`${base}-environment`}
        label="Environment"
        allLabel="All environments"
        value={filters.environment}
        options={options.environments.data}
        loading={options.environments.isLoading}
        failed={options.environments.isError}
        onChange={(environment) => patch({ environment })}
      />
      <FilterSelect
        id={`${base}-version`}
        label="Version"
        allLabel="All versions"
        value={filters.version}
        options={options.versions.data}
        loading={options.versions.isLoading}
        failed={options.versions.isError}
        onChange={(version) => patch({ version })}
      />
      {showAgent && (
        <FilterSelect
          id={`${base}-agent`}
          label="Agent"
          allLabel="All agents"
          value={filters.agentId}
          options={agentOptions}
          loading={options.agents.isLoading}
          failed={options.agents.isError}
          onChange={(agentId) => patch({ agentId })}
        />
      )}
      <div className="filter-actions">
        {hasFilters && (
          <button type="button" className="btn btn--ghost" onClick={() => { setShowCustom(false); setFilters({ timeRange: defaultRange }); }}>
            Reset
          </button>
        )}
        <button type="button" className="btn btn--ghost" onClick={() => void copyLink()} aria-live="polite">
          {copied ? 'Link copied' : 'Copy link'}
        </button>
        <span className="tz" title="Times are shown in this time zone">{timeZoneLabel()}</span>
      </div>
    </section>
  );
}
