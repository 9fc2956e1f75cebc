import { useState, type FormEvent } from 'react';
import { ChartCard, ConfirmDialog, Modal, useToast } from '../../../components';
import { humanize } from '../../../lib/format';
import { createChannel, deleteChannel, testChannel, updateChannel, useChannels, type Channel, type ChannelBody } from '../api';
import { useChannelAction } from '../useChannelAction';

const ADMIN_ONLY = 'Admins manage notification channels (they send workspace data out).';
interface KindMeta { kind: Channel['kind']; label: string; target: string; placeholder: string }
const WEBHOOK: KindMeta = { kind: 'webhook', label: 'Webhook (JSON, HMAC-SHA256 signed)', target: 'URL', placeholder: 'https://example.com/hooks/agentobs' };
const KINDS: KindMeta[] = [
  WEBHOOK,
  { kind: 'slack', label: 'Slack incoming webhook', target: 'Webhook URL', placeholder: 'https://hooks.slack.com/services/…' },
  { kind: 'email', label: 'E-mail (SMTP)', target: 'Recipients', placeholder: 'mailto:oncall@example.com,lead@example.com' },
  { kind: 'in_app', label: 'In-app only (the alert list)', target: '', placeholder: '' },
];

/**
 * Notification channels: create, edit (name, target, secret, enabled), disable, send a test, delete.
 * Secrets are write-only: the list says only whether one is set, and a Slack URL (its own credential)
 * shows without its path, so editing it means typing a new one.
 */
export function ChannelsPanel() {
  const query = useChannels();
  const action = useChannelAction();
  const toast = useToast();
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [removing, setRemoving] = useState<Channel | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const title = action.allowed ? undefined : ADMIN_ONLY;
  const sendTest = (c: Channel) => {
    setTesting(c.channel_id);
    testChannel(c.channel_id).then(
      (r) => toast.show(r.delivered ? { tone: 'success', title: `Test sent to ${c.name}`, message: 'The channel accepted the test notification.' }
        : { tone: 'error', title: `Test to ${c.name} failed`, message: r.error ?? 'Not delivered.' }),
      () => toast.show({ tone: 'error', title: `Test to ${c.name} failed`, message: 'The test could not be sent.' }),
    ).finally(() => setTesting(null));
  };
  const setEnabled = (c: Channel, enabled: boolean) => void action.run({
    done: `${c.name} ${enabled ? 'enabled' : 'disabled'}`, verb: `${enabled ? 'enable' : 'disable'} the channel`,
    call: (key) => updateChannel(c.channel_id, { enabled }, key),
  });
  return (
    <ChartCard title="Notification channels" className="card--wide" query={query} height={120}
      subtitle="Where rules and escalation policies send alerts. Secrets are write-only."
      emptyReason={() => null}>
      {(list) => (
        <div className="table-wrap" style={{ maxHeight: 300 }}>
          <div className="toolbar">
            <button type="button" className="btn" disabled={!action.allowed} title={title} onClick={() => setEditing('new')}>New channel</button>
          </div>
          {list.length === 0 ? <p className="card__subtitle">No channel yet: alerts show in the app only.</p> : (
            <table className="table table--compact" aria-label="Notification channels">
              <thead><tr><th>Channel</th><th>Kind</th><th>Target</th><th>Secret</th><th>Status</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.channel_id} data-channel-id={c.channel_id}>
                    <th scope="row">{c.name}</th>
                    <td>{humanize(c.kind)}</td>
                    <td className="mono">{c.url ?? '—'}</td>
                    <td>{c.has_secret ? 'set' : '—'}</td>
                    <td>{c.enabled ? 'enabled' : 'disabled'}</td>
                    <td>
                      <button type="button" className="btn btn--small" disabled={!action.allowed} title={title} aria-label={`Edit ${c.name}`} onClick={() => setEditing(c)}>Edit</button>{' '}
                      <button type="button" className="btn btn--small" disabled={!action.allowed || action.pending} title={title} onClick={() => setEnabled(c, !c.enabled)}>{c.enabled ? 'Disable' : 'Enable'}</button>{' '}
                      <button type="button" className="btn btn--small" disabled={!action.allowed || testing !== null} title={title} aria-label={`Send a test to ${c.name}`} onClick={() => sendTest(c)}>
                        {testing === c.channel_id ? 'Sending…' : 'Send test'}
                      </button>{' '}
                      <button type="button" className="btn btn--small" disabled={!action.allowed} title={title} aria-label={`Delete ${c.name}`} onClick={() => setRemoving(c)}>Delete</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {editing && <ChannelEditor channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
          {removing && (
            <ConfirmDialog open title={`Delete the channel "${removing.name}"?`} confirmLabel="Delete" pendingLabel="Deleting…" pending={action.pending} tone="danger"
              onCancel={() => setRemoving(null)}
              onConfirm={() => void action.run({ done: `Channel "${removing.name}" deleted`, verb: 'delete the channel', call: (key) => deleteChannel(removing.channel_id, key) })
                .then(() => setRemoving(null))}>
              <p>Rules and escalation policies stop sending to it; queued notifications are dropped. Undo restores it.</p>
            </ConfirmDialog>
          )}
        </div>
      )}
    </ChartCard>
  );
}

/** Create (any kind) or edit (name, target, secret, enabled; the kind is fixed) a channel. */
export function ChannelEditor({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  const action = useChannelAction();
  const [name, setName] = useState(channel?.name ?? '');
  const [kind, setKind] = useState<Channel['kind']>(channel?.kind ?? 'webhook');
  // a masked Slack URL is not sent back: blank keeps the stored one
  const [url, setUrl] = useState(channel && channel.kind !== 'slack' ? (channel.url ?? '') : '');
  const [secret, setSecret] = useState('');
  const [clearSecret, setClearSecret] = useState(false);
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const meta = KINDS.find((k) => k.kind === kind) ?? WEBHOOK;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (channel === null) {
      const body: ChannelBody = kind === 'in_app' ? { name, kind } : { name, kind, url };
      if (kind === 'webhook' && secret) body.secret = secret;
      void action.run({ done: `Channel "${name}" created`, verb: 'create the channel', call: (key) => createChannel(body, key) }).then((ok) => ok && onClose());
      return;
    }
    const body: ChannelBody = { name, enabled };
    if (url.trim() !== '' && url !== channel.url) body.url = url.trim();
    if (secret) body.secret = secret;
    else if (clearSecret) body.clear_secret = true;
    void action.run({ done: `Channel "${name}" saved`, verb: 'save the channel', call: (key) => updateChannel(channel.channel_id, body, key) }).then((ok) => ok && onClose());
  };
  return (
    <Modal title={channel ? `Edit ${channel.name}` : 'New notification channel'} onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Channel editor">
        <label>Name <input required value={name} maxLength={200} onChange={(e) => setName(e.target.value)} /></label>
        <label>Kind <select value={kind} disabled={channel !== null} onChange={(e) => setKind(e.target.value as Channel['kind'])}>
          {KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}</select></label>
        {kind !== 'in_app' && <label>{meta.target} <input required={channel === null} value={url} placeholder={channel?.kind === 'slack' ? `${channel.url ?? ''} (blank keeps it)` : meta.placeholder}
          onChange={(e) => setUrl(e.target.value)} /></label>}
        {kind === 'webhook' && (
          <>
            <label>Signing secret (16–256 characters, write-only) <input type="password" autoComplete="new-password" value={secret} minLength={16} maxLength={256}
              placeholder={channel?.has_secret ? 'set: blank keeps it' : 'none: requests are not signed'} onChange={(e) => setSecret(e.target.value)} /></label>
            {channel?.has_secret && (
              <label className="checkbox"><input type="checkbox" checked={clearSecret} disabled={secret !== ''} onChange={(e) => setClearSecret(e.target.checked)} /> Remove the secret (stop signing)</label>
            )}
          </>
        )}
        {channel && <label className="checkbox"><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled</label>}
        <div className="toolbar"><button type="submit" className="btn btn--primary" disabled={action.pending}>{action.pending ? 'Saving…' : channel ? 'Save channel' : 'Create channel'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button></div>
      </form>
    </Modal>
  );
}
