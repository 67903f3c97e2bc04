// Silences: lists by state and the review lists (expiring soon, matching nothing, longer than the maximum);
// create, edit and expire when the role allows. Tab, editor and its matchers live in the URL.
import React, { useCallback, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Button, LoadingPlaceholder, Stack, Tab, TabsBar, useStyles2 } from '@grafana/ui';
import { alertmanager } from '../api/clients';
import type { SourceError } from '../api/proxy';
import { useAppContext } from '../components/AppContext';
import { SilenceEditor } from '../components/silences/SilenceEditor';
import { SourceErrorView } from '../components/SourceErrorView';
import { useAlertmanagers } from '../hooks/useAlertmanagers';
import { useAutoRefresh } from '../hooks/useAutoRefresh';
import { AUTO_REFRESH_MS } from '../constants';
import { useUrlState } from '../hooks/useUrlState';
import { formatTime } from '../lib/format';
import { formatMatchers } from '../lib/matchers';
import { reviewSilences } from '../lib/silences';
import { SILENCES_STATE } from '../lib/urlState';
import type { AmSilence } from '../types';
import { testIds } from '../testIds';

const TABS = [
  { id: 'active', label: 'Active' },
  { id: 'pending', label: 'Pending' },
  { id: 'review', label: 'Review' },
  { id: 'expired', label: 'Expired' },
];
const SOON_MS = 2 * 3_600_000;

function SilencesPage() {
  const s = useStyles2(getStyles);
  const { settings, access } = useAppContext();
  const [state, update] = useUrlState(SILENCES_STATE);
  const [refresh, setRefresh] = useState(0);
  const [expireError, setExpireError] = useState<SourceError | null>(null);
  const am = useAlertmanagers(String(refresh));
  const [now, setNow] = useState(() => Date.now());
  // Live like the Alerts page (silences expire, others are made elsewhere), but never under an open editor.
  const editorInUrl = Boolean(state.edit);
  const refreshAll = useCallback(() => {
    if (!editorInUrl) {
      setNow(Date.now());
      setRefresh((r) => r + 1);
    }
  }, [editorInUrl]);
  useAutoRefresh(refreshAll, AUTO_REFRESH_MS);
  const review = useMemo(() => reviewSilences(am.silences, am.alerts, now, { soonMs: SOON_MS, maxMs: settings.maxSilenceHours * 3_600_000 }), [am.silences, am.alerts, now, settings.maxSilenceHours]);
  const editing = state.edit && state.edit !== 'new' ? am.silenceById.get(state.edit) : undefined;

  const expire = async (sil: AmSilence & { slot: number }) => {
    setExpireError(null);
    try {
      await alertmanager(sil.slot, settings.alertmanagers[sil.slot].name).expireSilence(sil.id);
      setRefresh((r) => r + 1);
    } catch (err) {
      setExpireError(err as SourceError);
    }
  };

  // An Alertmanager that did not answer has silences nobody here can see: an empty list then says so.
  const unanswered = am.errors.map((e) => e.source);
  const allUnanswered = unanswered.length > 0 && unanswered.length >= settings.alertmanagers.length;
  const table = (list: Array<AmSilence & { slot?: number }>, testId?: string) =>
    list.length === 0 ? (
      <div className={s.empty} data-testid={testId ?? testIds.silences.empty}>
        {allUnanswered ? 'Not known: no Alertmanager answered.' : unanswered.length ? `None from the Alertmanagers that answered (not ${unanswered.join(', ')}).` : 'No silences here.'}
      </div>
    ) : (
      <table className={s.table} data-testid={testId}>
        <thead>
          <tr>
            <th>Matchers</th>
            <th>Ends</th>
            <th>Created by</th>
            <th>Comment</th>
            <th>Matches now</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((sil) => {
            const full = am.silenceById.get(sil.id)!;
            const matching = am.alerts.filter((a) => a.status.silencedBy.includes(sil.id)).length;
            return (
              <tr key={sil.id} data-testid={testIds.silences.row(sil.id)}>
                <td>
                  <code>{formatMatchers(sil.matchers)}</code>
                </td>
                <td>{formatTime(sil.endsAt)}</td>
                <td>{sil.createdBy}</td>
                <td>{sil.comment}</td>
                <td>{matching}</td>
                <td>
                  {access.silence && sil.status.state !== 'expired' && (
                    <Stack gap={1}>
                      <Button size="sm" variant="secondary" data-testid={testIds.silences.editButton(sil.id)} onClick={() => update({ edit: sil.id, matchers: formatMatchers(sil.matchers), am: String(full.slot) }, true)}>
                        Edit
                      </Button>
                      <Button size="sm" variant="destructive" data-testid={testIds.silences.expireButton(sil.id)} onClick={() => expire(full)}>
                        Expire
                      </Button>
                    </Stack>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );

  const editorOpen = access.silence && (state.edit === 'new' || !!editing);
  return (
    <PluginPage>
      <div data-testid={testIds.silences.page} className={s.page}>
        {am.errors.map((e) => (
          <SourceErrorView key={e.source} error={e} onRetry={am.reload} />
        ))}
        {expireError && <SourceErrorView error={expireError} />}
        {access.silence && !editorOpen && am.configured && (
          <div>
            <Button icon="plus" data-testid={testIds.silences.newButton} onClick={() => update({ edit: 'new', matchers: '' }, true)}>
              New silence
            </Button>
          </div>
        )}
        {editorOpen && (
          <SilenceEditor
            key={state.edit}
            alerts={am.alerts}
            unanswered={unanswered}
            allUnanswered={allUnanswered}
            existing={editing}
            initialMatchers={state.matchers}
            slot={Number(state.am) || 0}
            onSlot={(slot) => update({ am: String(slot) })}
            onMatchers={(matchers) => update({ matchers })}
            onCancel={() => update({ edit: '', matchers: '' }, true)}
            onSaved={() => {
              update({ edit: '', matchers: '', tab: 'active' }, true);
              setRefresh((r) => r + 1);
            }}
          />
        )}
        <TabsBar>
          {TABS.map((t) => (
            <Tab key={t.id} label={t.label} active={state.tab === t.id} onChangeTab={() => update({ tab: t.id }, true)} data-testid={testIds.silences.tab(t.id)} />
          ))}
        </TabsBar>
        {am.loading ? (
          <LoadingPlaceholder text="Loading silences…" />
        ) : state.tab === 'review' ? (
          <div className={s.page}>
            <h4>Expiring within 2 hours</h4>
            {table(review.expiringSoon, testIds.silences.review('expiring'))}
            <h4>Active but matching no alert</h4>
            {table(review.matchingNothing, testIds.silences.review('unused'))}
            <h4>Longer than {settings.maxSilenceHours} hours</h4>
            {table(review.tooLong, testIds.silences.review('long'))}
          </div>
        ) : (
          table(am.silences.filter((x) => x.status.state === state.tab).sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt)))
        )}
      </div>
    </PluginPage>
  );
}

export default SilencesPage;

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  empty: css({ color: theme.colors.text.secondary, padding: theme.spacing(1) }),
  table: css({ width: '100%', borderCollapse: 'collapse', 'th, td': { textAlign: 'left', padding: theme.spacing(0.5, 1), borderBottom: `1px solid ${theme.colors.border.weak}` } }),
});
