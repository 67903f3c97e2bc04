// Configuration (Admin): journal URL and API key (secureJsonData: Grafana stores it encrypted and the proxy adds
// it; the browser never gets it back), Prometheus, Alertmanagers, market calendars, venue calendars, the
// maximum silence duration. Validated on save with a message per field.
import React, { useState } from 'react';
import { lastValueFrom } from 'rxjs';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, SecretInput, Stack, TextArea } from '@grafana/ui';
import { MAX_ALERTMANAGERS } from '../../constants';
import { classify } from '../../api/proxy';
import { resolveSettings, settingsProblems, type ResolvedSettings } from '../../lib/settings';
import type { AppSettings, MarketCalendar } from '../../types';
import { testIds } from '../../testIds';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppSettings>> {}

function parseVenueCalendars(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      // A line without "=" keeps an empty calendar id, which validation names (it read as the id "undefined").
      .map((l): [string, string] => (l.includes('=') ? [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()] : [l, '']))
  );
}

const AppConfig = ({ plugin }: AppConfigProps) => {
  const meta = plugin.meta;
  const [s, setS] = useState<ResolvedSettings>(() => resolveSettings(meta.jsonData));
  const [apiKey, setApiKey] = useState('');
  const [apiKeySet, setApiKeySet] = useState(Boolean(meta.secureJsonFields?.journalApiKey));
  const [calendarsText, setCalendarsText] = useState(() => JSON.stringify(s.calendars, null, 2));
  const [venueText, setVenueText] = useState(() => Object.entries(s.venueCalendars).map(([v, c]) => `${v}=${c}`).join('\n'));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<ResolvedSettings>) => setS((x) => ({ ...x, ...patch }));
  const err = (field: string) =>
    problems[field] ? (
      <span data-testid={testIds.config.error(field)} role="alert">
        {problems[field]}
      </span>
    ) : undefined;
  const calendarErrors = Object.entries(problems).filter(([k]) => k.startsWith('calendars'));

  const onSubmit = async (e: React.SyntheticEvent) => {
    e.preventDefault();
    setSaved(false);
    setSaveError(null);
    let calendars: MarketCalendar[] | undefined;
    let calendarsError: string | undefined;
    try {
      calendars = JSON.parse(calendarsText);
      if (!Array.isArray(calendars)) {
        throw new Error('expected a JSON array of calendars');
      }
    } catch (x) {
      calendars = undefined;
      calendarsError = `not valid JSON: ${(x as Error).message}`;
    }
    // Calendars that do not parse are reported with every other field's problem, not instead of them (the other
    // fields are then checked against the calendars saved before).
    const next = { ...s, calendars: calendars ?? s.calendars, venueCalendars: parseVenueCalendars(venueText) };
    const found = { ...settingsProblems(next, apiKey, apiKeySet), ...(calendarsError ? { calendars: calendarsError } : {}) };
    setProblems(found);
    if (Object.keys(found).length) {
      return;
    }
    const jsonData: AppSettings = { ...next };
    try {
      await lastValueFrom(
        getBackendSrv().fetch({
          url: `/api/plugins/${meta.id}/settings`,
          method: 'POST',
          data: { enabled: true, pinned: true, jsonData, ...(apiKey ? { secureJsonData: { journalApiKey: apiKey } } : {}) },
          showErrorAlert: false,
        })
      );
      setSaved(true);
      if (apiKey) {
        setApiKeySet(true);
        setApiKey('');
      }
    } catch (x) {
      setSaveError(classify('Grafana', x).message);
    }
  };

  return (
    <form onSubmit={onSubmit} data-testid={testIds.config.form} noValidate>
      <FieldSet label="Alert journal">
        <Field label="Journal URL" description="Where Grafana reaches the Vigil alert journal, e.g. http://alert-journal:8009" invalid={!!problems.journalUrl} error={err('journalUrl')}>
          <Input data-testid={testIds.config.journalUrl} width={60} value={s.journalUrl} onChange={(e) => set({ journalUrl: e.currentTarget.value.trim() })} />
        </Field>
        <Field label="Journal API key" description="Stored encrypted by Grafana and added by its proxy; never sent back to the browser" invalid={!!problems.journalApiKey} error={err('journalApiKey')}>
          <SecretInput
            data-testid={testIds.config.apiKey}
            width={60}
            value={apiKey}
            isConfigured={apiKeySet}
            onChange={(e) => setApiKey(e.currentTarget.value.trim())}
            onReset={() => {
              setApiKeySet(false);
              setApiKey('');
            }}
          />
        </Field>
      </FieldSet>
      <FieldSet label="Prometheus (money at stake)">
        <Field label="Prometheus URL" description="Optional: positions and P&L of trading alerts" invalid={!!problems.prometheusUrl} error={err('prometheusUrl')}>
          <Input data-testid={testIds.config.prometheusUrl} width={60} value={s.prometheusUrl} onChange={(e) => set({ prometheusUrl: e.currentTarget.value.trim() })} />
        </Field>
      </FieldSet>
      <FieldSet label={`Alertmanagers (up to ${MAX_ALERTMANAGERS})`}>
        {problems.alertmanagers && <Alert title={problems.alertmanagers} severity="error" />}
        {s.alertmanagers.map((am, i) => (
          <Stack key={i} gap={1}>
            <Field label="Name" invalid={!!problems[`alertmanagers[${i}].name`]} error={err(`alertmanagers[${i}].name`)}>
              <Input data-testid={testIds.config.amName(i)} value={am.name} onChange={(e) => set({ alertmanagers: s.alertmanagers.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)) })} />
            </Field>
            <Field label="URL" invalid={!!problems[`alertmanagers[${i}].url`]} error={err(`alertmanagers[${i}].url`)}>
              <Input data-testid={testIds.config.amUrl(i)} width={50} value={am.url} onChange={(e) => set({ alertmanagers: s.alertmanagers.map((x, j) => (j === i ? { ...x, url: e.currentTarget.value.trim() } : x)) })} />
            </Field>
            <Button type="button" variant="secondary" icon="trash-alt" aria-label={`Remove Alertmanager ${am.name || i + 1}`} onClick={() => set({ alertmanagers: s.alertmanagers.filter((_, j) => j !== i) })} />
          </Stack>
        ))}
        {s.alertmanagers.length < MAX_ALERTMANAGERS && (
          <Button type="button" variant="secondary" icon="plus" data-testid={testIds.config.addAm} onClick={() => set({ alertmanagers: [...s.alertmanagers, { name: '', url: '' }] })}>
            Add Alertmanager
          </Button>
        )}
      </FieldSet>
      <FieldSet label="Silences and market calendars">
        <Field label="Maximum silence duration (hours)" invalid={!!problems.maxSilenceHours} error={err('maxSilenceHours')}>
          <Input data-testid={testIds.config.maxSilence} type="number" width={12} value={s.maxSilenceHours} onChange={(e) => set({ maxSilenceHours: Number(e.currentTarget.value) })} />
        </Field>
        <Field label="Calendars (JSON)" description='[{"id","name","timezone","sessions":[{"open":"Sun 17:00","close":"Fri 17:00"}],"holidays":["2026-12-25"]}] or {"alwaysOpen":true}' invalid={calendarErrors.length > 0} error={calendarErrors.length ? <span data-testid={testIds.config.error('calendars')}>{calendarErrors.map(([k, v]) => `${k}: ${v}`).join('; ')}</span> : undefined}>
          <TextArea data-testid={testIds.config.calendars} rows={8} value={calendarsText} onChange={(e) => setCalendarsText(e.currentTarget.value)} />
        </Field>
        <Field label="Venue calendars" description="One venue=calendar id per line, e.g. binance=crypto" invalid={Object.keys(problems).some((k) => k.startsWith('venueCalendars'))} error={Object.entries(problems).filter(([k]) => k.startsWith('venueCalendars')).map(([k, v]) => `${k}: ${v}`).join('; ') || undefined}>
          <TextArea data-testid={testIds.config.venueCalendars} rows={3} value={venueText} onChange={(e) => setVenueText(e.currentTarget.value)} />
        </Field>
        <Field label="Runbook base URL" description="Prefix for relative runbook_url annotations (docs/runbooks.md#...)" invalid={!!problems.runbookBaseUrl} error={err('runbookBaseUrl')}>
          <Input data-testid={testIds.config.runbookBase} width={60} value={s.runbookBaseUrl} onChange={(e) => set({ runbookBaseUrl: e.currentTarget.value.trim() })} />
        </Field>
      </FieldSet>
      {saveError && <Alert severity="error" title={`Not saved: ${saveError}`} />}
      {saved && (
        <div data-testid={testIds.config.saved}>
          <Alert severity="success" title="Saved. Reload the app pages to use the new settings." />
        </div>
      )}
      <Button type="submit" data-testid={testIds.config.submit}>
        Save settings
      </Button>
    </form>
  );
};

export default AppConfig;
