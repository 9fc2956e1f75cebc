import { useState } from 'react';
import { useToast } from '../../../components';
import { roleAtLeast, useAuth } from '../../auth';
import { type ExecutiveReportFormat, fetchExecutiveReport } from '../api';

const FORMATS: { format: ExecutiveReportFormat; label: string; title: string }[] = [
  { format: 'csv', label: 'CSV', title: 'One row per department: value, cost, ROI, goals, 90-day forecast' },
  { format: 'pdf', label: 'PDF', title: 'KPIs, ROI by department, goal board and the 30/90-day forecast with its 80 % band' },
];

/** Downloads the executive report as CSV or PDF (analyst role and above), for the current filters. */
export function ExecutiveReportExport({ params }: { params: Record<string, string | number | undefined> }) {
  const { role } = useAuth();
  const toast = useToast();
  const [busy, setBusy] = useState<ExecutiveReportFormat | null>(null);
  const allowed = roleAtLeast(role, 'analyst');
  const download = async (format: ExecutiveReportFormat) => {
    setBusy(format);
    try {
      const url = URL.createObjectURL(await fetchExecutiveReport(params, format));
      const a = document.createElement('a');
      a.href = url;
      a.download = `executive-report.${format}`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      toast.show({ tone: 'error', title: 'Could not export the report', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="segmented" role="group" aria-label="Export executive report">
      <span className="business-toolbar__label">Export executive report</span>
      {FORMATS.map(({ format, label, title }) => (
        <button key={format} type="button" className="btn btn--small" disabled={!allowed || busy !== null}
          aria-label={`Export executive report as ${label}`} title={allowed ? title : 'Exports need the analyst role or higher.'}
          onClick={() => void download(format)}>
          {busy === format ? `${label}…` : label}
        </button>
      ))}
    </div>
  );
}
