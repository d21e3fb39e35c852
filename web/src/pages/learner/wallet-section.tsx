import { useId, useState } from 'react';
import { failureText } from '../../account-rules.ts';
import {
  fetchWallet,
  removeImport,
  setShared,
  type ImportedCredentialView,
  type Wallet,
  type WalletCredential,
} from '../../api/imports.ts';
import { LiveNotice, useConfirmation, type Notice } from '../../components/confirm-action.tsx';
import { CollectionsPanel } from '../../components/collections-panel.tsx';
import { Loading } from '../../components/load-state.tsx';
import { pickText, useI18n } from '../../i18n/language.tsx';
import { useLoad } from '../../use-load.ts';
import { ImportedCard, IssuedCard } from './wallet-cards.tsx';
import { WalletImportForm } from './wallet-import-form.tsx';
import {
  importedSearchText,
  importedTitle,
  issuedSearchText,
  issuedTitle,
  matchesQuery,
} from './wallet-titles.tsx';

/** The credentials of this platform by institution, in the order they first appear (newest first). */
function byInstitution(items: readonly WalletCredential[]): Array<[string, WalletCredential[]]> {
  const groups = new Map<string, WalletCredential[]>();
  for (const item of items) groups.set(item.institution, [...(groups.get(item.institution) ?? []), item]);
  return [...groups];
}

/**
 * The learner's wallet: every credential they hold, grouped by institution with the imported ones apart,
 * a search that filters as one types, the share switch, and the form to add one from elsewhere.
 */
export function WalletSection({ csrfToken }: { csrfToken: string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [state, reload] = useLoad(fetchWallet, 'wallet');
  // Changes made on this page, over what was loaded: no reload, so that the list does not jump.
  const [edits, setEdits] = useState<{
    shared: Record<string, boolean>;
    added: ImportedCredentialView[];
    removed: string[];
  }>({ shared: {}, added: [], removed: [] });
  const [pending, setPending] = useState<string>();
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const confirmation = useConfirmation('remove-import');

  const wallet: Wallet | undefined =
    state.status === 'ready'
      ? {
          issued: state.value.issued.map((item) =>
            item.credentialId in edits.shared ? { ...item, shared: edits.shared[item.credentialId]! } : item,
          ),
          imported: [...edits.added, ...state.value.imported].filter(
            (item) => !edits.removed.includes(item.id),
          ),
        }
      : undefined;

  const share = async (item: WalletCredential, shared: boolean) => {
    const name = issuedTitle(item, t, lang);
    setPending(item.credentialId);
    try {
      const answer = await setShared(item.credentialId, shared);
      setEdits((e) => ({ ...e, shared: { ...e.shared, [item.credentialId]: answer.shared } }));
      setNotice({ tone: 'success', text: answer.shared ? t.wallet.shareOn(name) : t.wallet.shareOff(name) });
    } catch (error) {
      setNotice({ tone: 'error', text: `${t.wallet.shareFailed} ${failureText(error, t)}` });
    } finally {
      setPending(undefined);
    }
  };

  const remove = async (item: ImportedCredentialView) => {
    confirmation.setConfirming(undefined);
    try {
      await removeImport(item.id);
      setEdits((e) => ({ ...e, removed: [...e.removed, item.id] }));
      setNotice({ tone: 'success', text: t.wallet.removed(importedTitle(item, t)) });
      document.getElementById(`${id}-heading`)?.focus();
    } catch (error) {
      setNotice({ tone: 'error', text: failureText(error, t) });
    }
  };

  const issued = wallet?.issued.filter((item) => matchesQuery(issuedSearchText(item, t, lang), query)) ?? [];
  const imported = wallet?.imported.filter((item) => matchesQuery(importedSearchText(item, t), query)) ?? [];
  const total = wallet ? wallet.issued.length + wallet.imported.length : 0;
  const shown = issued.length + imported.length;

  return (
    <>
      <section
        className="learner-section wallet"
        aria-labelledby={`${id}-heading`}
        aria-busy={state.status === 'loading'}
      >
        <h2 id={`${id}-heading`} tabIndex={-1}>
          {t.wallet.heading}
        </h2>
        <p className="muted">{t.wallet.intro}</p>
        {state.status === 'loading' ? <Loading /> : null}
        {state.status === 'failed' ? (
          <div className="empty-state empty-state--error">
            <p>
              <strong>{t.learner.loadFailed}</strong> {failureText(state.error, t)}
            </p>
            <button type="button" className="button button--secondary" onClick={reload}>
              {t.formMessages.retry}
            </button>
          </div>
        ) : null}
        {wallet && total === 0 ? <div className="empty-state">{t.wallet.empty}</div> : null}
        {wallet && total > 0 ? (
          <>
            <div className="field wallet-search" role="search">
              <label htmlFor={`${id}-search`} className="field__label">
                {t.wallet.searchLabel}
              </label>
              <p id={`${id}-search-hint`} className="field__hint">
                {t.wallet.searchHint}
              </p>
              <input
                id={`${id}-search`}
                type="search"
                className="input"
                value={query}
                aria-describedby={`${id}-search-hint ${id}-count`}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
            <p id={`${id}-count`} className="muted wallet-count" role="status" aria-live="polite">
              {t.wallet.count(shown, total)}
            </p>
            <LiveNotice notice={notice} />
            {shown === 0 ? (
              <div className="empty-state">
                <p>{t.wallet.noMatch(query)}</p>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setQuery('')}
                >
                  {t.wallet.clearSearch}
                </button>
              </div>
            ) : null}
            {byInstitution(issued).map(([slug, items]) => {
              const institution = pickText(items[0]!.institutionName, lang);
              return (
                <section key={slug} className="wallet-group" aria-labelledby={`${id}-group-${slug}`}>
                  <h3
                    id={`${id}-group-${slug}`}
                    lang={institution.lang !== lang ? institution.lang : undefined}
                  >
                    {institution.value}
                  </h3>
                  <ul className="learner-list">
                    {items.map((item) => (
                      <IssuedCard
                        key={item.id}
                        item={item}
                        onShare={share}
                        busy={pending === item.credentialId}
                      />
                    ))}
                  </ul>
                </section>
              );
            })}
            {imported.length > 0 ? (
              <section className="wallet-group" aria-labelledby={`${id}-group-imported`}>
                <h3 id={`${id}-group-imported`}>{t.wallet.importedGroup}</h3>
                <ul className="learner-list">
                  {imported.map((item) => (
                    <ImportedCard
                      key={item.id}
                      item={item}
                      confirming={confirmation.confirming === item.id}
                      confirmRef={confirmation.confirmButton}
                      onAskRemove={() => confirmation.setConfirming(item.id)}
                      onCancelRemove={() => confirmation.cancel(item.id)}
                      onRemove={() => void remove(item)}
                    />
                  ))}
                </ul>
              </section>
            ) : null}
          </>
        ) : null}
        {wallet ? (
          <WalletImportForm
            csrfToken={csrfToken}
            onAdded={(item) => setEdits((e) => ({ ...e, added: [item, ...e.added] }))}
          />
        ) : null}
      </section>
      {wallet && total > 0 ? (
        <CollectionsPanel
          items={[
            ...wallet.issued.map((item) => ({
              kind: 'issued' as const,
              id: item.credentialId,
              title: issuedTitle(item, t, lang),
            })),
            ...wallet.imported.map((item) => ({
              kind: 'imported' as const,
              id: item.id,
              title: importedTitle(item, t),
            })),
          ]}
        />
      ) : null}
    </>
  );
}
