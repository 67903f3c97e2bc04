// Create or edit a silence: matchers (with completion), a preview of the alerts it matches now and of the
// journal episodes it would have matched over the last 7 days, duration presets including "until the next
// session open" of the venue's market calendar.
import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, Input, RadioButtonGroup, Stack, TextArea, useStyles2 } from '@grafana/ui';
import { alertmanager, journal } from '../../api/clients';
import type { SourceError } from '../../api/proxy';
import { useAsync } from '../../hooks/useAsync';
import type { MergedAlert } from '../../lib/alerts';
import { lazyLabelIndex } from '../../lib/completion';
import { formatDuration, formatTime } from '../../lib/format';
import { MatcherSyntaxError, formatMatchers, parseMatchers } from '../../lib/matchers';
import { alertsMatched, calendarsForMatchers, draftProblems, durationPresets, heartbeatProblem, silenceBody } from '../../lib/silences';
import type { AmSilence } from '../../types';
import { testIds } from '../../testIds';
import { useAppContext } from '../AppContext';
import { FilterBar } from '../alerts/FilterBar';
import { SourceErrorView } from '../SourceErrorView';

interface Props {
  alerts: MergedAlert[];
  /** Alertmanagers that did not answer (their alerts are not in `alerts`), and whether that is all of them. */
  unanswered?: string[];
  allUnanswered?: boolean;
  existing?: AmSilence & { slot: number };
  initialMatchers: string;
  slot: number;
  onSlot: (slot: number) => void;
  onMatchers: (text: string) => void;
  onSaved: () => void;
  onCancel: () => void;
}

const toLocalInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function SilenceEditor({ alerts, unanswered = [], allUnanswered = false, existing, initialMatchers, slot, onSlot, onMatchers, onSaved, onCancel }: Props) {
  const s = useStyles2(getStyles);
  const { settings, user } = useAppContext();
  const [now] = useState(() => Date.now());
  const [endsAt, setEndsAt] = useState(existing ? Date.parse(existing.endsAt) : now + 3_600_000);
  const [createdBy, setCreatedBy] = useState(existing?.createdBy ?? user.login);
  const [comment, setComment] = useState(existing?.comment ?? '');
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<SourceError | null>(null);
  const [tried, setTried] = useState(false);
  const text = initialMatchers;

  const parsed = useMemo(() => {
    try {
      return { matchers: parseMatchers(text), error: undefined };
    } catch (err) {
      return { matchers: [], error: err instanceof MatcherSyntaxError ? err.message : String(err) };
    }
  }, [text]);
  const matchedNow = alertsMatched(parsed.matchers, alerts);
  const key = JSON.stringify(parsed.matchers);
  const backtest = useAsync('Alert journal', () => (parsed.matchers.length ? journal.backtest(parsed.matchers) : Promise.resolve(null)), key);
  const presets = durationPresets(now, settings.calendars, calendarsForMatchers(parsed.matchers, settings.venueCalendars));
  const startsAt = existing && Date.parse(existing.startsAt) > now ? Date.parse(existing.startsAt) : now;
  const draft = { id: existing?.id, matchers: parsed.matchers, startsAt, endsAt, createdBy, comment };
  const heartbeat = heartbeatProblem(parsed.matchers, matchedNow);
  const maxMs = settings.maxSilenceHours * 3_600_000;
  const problems: Record<string, string> = { ...draftProblems(draft, now, maxMs), ...(heartbeat ? { matchers: heartbeat } : {}), ...(parsed.error ? { matchers: parsed.error } : {}) };
  const index = useMemo(() => lazyLabelIndex(() => alerts.map((a) => a.labels)), [alerts]);

  const save = async (e: React.SyntheticEvent) => {
    e.preventDefault();
    setTried(true);
    setSaveError(null);
    if (Object.keys(problems).length) {
      return;
    }
    setBusy(true);
    try {
      const am = settings.alertmanagers[slot];
      await alertmanager(slot, am.name).saveSilence(silenceBody(draft));
      onSaved();
    } catch (err) {
      setSaveError(err as SourceError);
    } finally {
      setBusy(false);
    }
  };
  const show = (field: string) => (tried || field === 'matchers' ? problems[field] : undefined);
  const problem = (field: string) =>
    show(field) ? (
      <span data-testid={testIds.editor.problem(field)} role="alert">
        {show(field)}
      </span>
    ) : undefined;

  return (
    <form onSubmit={save} data-testid={testIds.editor.form} aria-label={existing ? 'Edit silence' : 'New silence'} className={s.form}>
      <h3>{existing ? `Edit silence ${existing.id}` : 'New silence'}</h3>
      <Field label="Matchers" invalid={!!show('matchers')} error={problem('matchers')} description="Alertmanager syntax: name=value, !=, =~ and !~ (regexes match the whole value)">
        <FilterBar label="Silence matchers" value={text} onChange={onMatchers} index={index} error={show('matchers')} testId={testIds.editor.matchers} listTestId={`${testIds.editor.matchers}-list`} placeholder='alertname=VenueDown venue="binance"' />
      </Field>
      <div className={s.previews}>
        <section data-testid={testIds.editor.previewNow} aria-label="Alerts matched now">
          <h4>
            {allUnanswered
              ? `Matches now: not known, no Alertmanager answered`
              : `Matches now: ${matchedNow.length} alert${matchedNow.length === 1 ? '' : 's'}${unanswered.length ? ` (not counting ${unanswered.join(', ')}, which did not answer)` : ''}`}
          </h4>
          <ul>
            {matchedNow.slice(0, 20).map((a) => (
              <li key={a.fingerprint}>{formatMatchers(Object.entries(a.labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })))}</li>
            ))}
          </ul>
        </section>
        <section data-testid={testIds.editor.backtest} aria-label="Episodes matched in the last 7 days">
          {backtest.error ? (
            <SourceErrorView error={backtest.error} severity="warning" onRetry={backtest.reload} />
          ) : backtest.loading ? (
            <h4>Last 7 days: checking the journal…</h4>
          ) : backtest.data ? (
            <>
              <h4>
                Last 7 days: {backtest.data.matched_occurrences} episode{backtest.data.matched_occurrences === 1 ? '' : 's'} of {backtest.data.matched_alerts} alert
                {backtest.data.matched_alerts === 1 ? '' : 's'}, {formatDuration(backtest.data.firing_seconds)} firing
              </h4>
              <ul>
                {backtest.data.by_alertname.map((b) => (
                  <li key={b.alertname}>
                    {b.alertname}: {b.occurrences}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <h4>Last 7 days: add a matcher</h4>
          )}
        </section>
      </div>
      <Field label="Duration">
        <Stack gap={1} wrap="wrap">
          {presets.map((p) => (
            <Button
              key={p.id}
              type="button"
              size="sm"
              variant={p.endsAt === endsAt ? 'primary' : 'secondary'}
              data-testid={testIds.editor.preset(p.id)}
              onClick={() => setEndsAt(p.endsAt)}
              // A preset the save would refuse (e.g. the next FX open seen from a Tuesday) is not offered as a choice.
              disabled={p.endsAt - startsAt > maxMs}
              title={p.endsAt - startsAt > maxMs ? `${formatTime(p.endsAt)}: longer than the ${settings.maxSilenceHours} hours maximum` : formatTime(p.endsAt)}
            >
              {p.label}
            </Button>
          ))}
        </Stack>
      </Field>
      <Field label="Ends at (your local time)" invalid={!!show('endsAt')} error={problem('endsAt')} description={`${formatTime(endsAt)}; at most ${settings.maxSilenceHours} hours`}>
        <Input type="datetime-local" data-testid={testIds.editor.endsAt} value={toLocalInput(endsAt)} onChange={(e) => setEndsAt(Date.parse(e.currentTarget.value))} width={30} />
      </Field>
      {settings.alertmanagers.length > 1 && (
        <Field label="Alertmanager" description="Replicas of one cluster share silences; separate clusters each need their own">
          <div data-testid={testIds.editor.alertmanager}>
            <RadioButtonGroup options={settings.alertmanagers.map((a, i) => ({ label: a.name, value: i }))} value={slot} onChange={onSlot} disabled={!!existing} />
          </div>
        </Field>
      )}
      <Field label="Created by" invalid={!!show('createdBy')} error={problem('createdBy')}>
        <Input data-testid={testIds.editor.createdBy} value={createdBy} onChange={(e) => setCreatedBy(e.currentTarget.value)} width={40} />
      </Field>
      <Field label="Comment" invalid={!!show('comment')} error={problem('comment')}>
        <TextArea data-testid={testIds.editor.comment} value={comment} rows={2} onChange={(e) => setComment(e.currentTarget.value)} />
      </Field>
      {saveError && (
        <Alert severity="error" title={saveError.title}>
          {saveError.detail}
        </Alert>
      )}
      <Stack gap={1}>
        <Button type="submit" data-testid={testIds.editor.submit} disabled={busy}>
          {existing ? 'Update silence' : 'Create silence'}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </Stack>
    </form>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ border: `1px solid ${theme.colors.border.medium}`, padding: theme.spacing(2), borderRadius: theme.shape.radius.default }),
  previews: css({ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: theme.spacing(2), marginBottom: theme.spacing(2), h4: { fontSize: theme.typography.body.fontSize } }),
});
