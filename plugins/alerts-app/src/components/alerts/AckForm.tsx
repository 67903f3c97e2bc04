// Acknowledge: who owns the alert, why, an optional ticket; optionally mute it until it resolves (the journal's
// acknowledgement silence). Kept in the journal, so everyone sees it at once; separate from silencing.
import React, { useState } from 'react';
import { Alert, Button, Checkbox, Field, Input, Stack, TextArea } from '@grafana/ui';
import { journal } from '../../api/clients';
import type { SourceError } from '../../api/proxy';
import { HEARTBEAT_ALERTNAME } from '../../lib/silences';
import type { JournalAck } from '../../types';
import { testIds } from '../../testIds';

interface Props {
  fingerprint: string;
  /** The alert's name: the heartbeat is never offered "mute until resolved" (it never resolves). */
  alertname?: string;
  defaultOwner: string;
  /** Called with the acknowledgement the journal stored, to be shown before the list's acks are asked again. */
  onDone: (ack: JournalAck) => void;
  onCancel: () => void;
}

export function AckForm({ fingerprint, alertname, defaultOwner, onDone, onCancel }: Props) {
  const [owner, setOwner] = useState(defaultOwner);
  const [comment, setComment] = useState('');
  const [ticket, setTicket] = useState('');
  const [mute, setMute] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SourceError | null>(null);
  const ownerMissing = owner.trim() === '';

  const submit = async (e: React.SyntheticEvent) => {
    e.preventDefault();
    if (ownerMissing) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { owner: owner.trim(), comment: comment.trim() || undefined, ticket: ticket.trim() || undefined, silence_until_resolved: mute || undefined };
      const stored = await journal.ack(fingerprint, body);
      const o = stored?.occurrence;
      onDone({
        fingerprint,
        occurrence_id: o?.id ?? 0,
        owner: o?.owner ?? body.owner,
        ticket: o?.ticket ?? body.ticket ?? null,
        comment: o?.ack_comment ?? body.comment ?? null,
        acknowledged_at: o?.acknowledged_at ?? new Date().toISOString(),
        silence_id: stored?.silence_id ?? null,
      });
    } catch (err) {
      setError(err as SourceError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} data-testid={testIds.ackForm.form} aria-label="Acknowledge alert">
      <Field label="Owner" invalid={ownerMissing} error={ownerMissing ? 'Who takes this alert is required' : undefined}>
        <Input data-testid={testIds.ackForm.owner} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} autoFocus />
      </Field>
      <Field label="Comment">
        <TextArea data-testid={testIds.ackForm.comment} value={comment} rows={2} onChange={(e) => setComment(e.currentTarget.value)} />
      </Field>
      <Field label="Ticket" description="A ticket id or link (optional)">
        <Input data-testid={testIds.ackForm.ticket} value={ticket} onChange={(e) => setTicket(e.currentTarget.value)} />
      </Field>
      {alertname === HEARTBEAT_ALERTNAME ? (
        <p data-testid={testIds.ackForm.noMute}>
          No <em>mute until resolved</em> here: {HEARTBEAT_ALERTNAME} always fires, so the silence would last 30 days, and without its heartbeat the
          alert journal pages VigilWatchdogMissing within minutes.
        </p>
      ) : (
        <Field description="Creates a silence on this alert's labels that the journal expires when the alert resolves">
          <Checkbox data-testid={testIds.ackForm.mute} label="Mute until resolved" value={mute} onChange={(e) => setMute(e.currentTarget.checked)} />
        </Field>
      )}
      {error && (
        <div data-testid={testIds.ackForm.error}>
          <Alert severity="error" title={error.title}>
            {error.detail}
          </Alert>
        </div>
      )}
      <Stack gap={1}>
        <Button type="submit" data-testid={testIds.ackForm.submit} disabled={busy || ownerMissing}>
          {busy ? 'Acknowledging…' : 'Acknowledge'}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </Stack>
    </form>
  );
}
