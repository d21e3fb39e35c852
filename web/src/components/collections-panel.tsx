import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.ts';
import {
  createCollection,
  deleteCollection,
  fetchMyCollections,
  updateCollection,
  type Collection,
  type CollectionInput,
} from '../api/wallet.ts';
import { useI18n } from '../i18n/language.tsx';
import { Link, collectionPath } from '../router.tsx';
import { useLoad } from '../use-load.ts';
import { ConfirmBox, LiveNotice, useConfirmation, type Notice } from './confirm-action.tsx';
import { TextField } from './form-field.tsx';
import { Loading } from './load-state.tsx';

/** A credential the holder may put in a collection. */
export interface CollectableItem {
  kind: 'issued' | 'imported';
  id: string;
  title: string;
}

type Draft = {
  title: string;
  description: string;
  shared: boolean;
  items: Array<{ kind: 'issued' | 'imported'; id: string }>;
};

const EMPTY: Draft = { title: '', description: '', shared: false, items: [] };

function draftOf(collection: Collection): Draft {
  return {
    title: collection.title,
    description: collection.description ?? '',
    shared: collection.shared,
    items: collection.items.map((i) => ({ ...i })),
  };
}

/**
 * The holder's collections: list them, start one, edit its title, items (in order) and sharing, copy its
 * link, and delete it. `items` are the credentials that can go in (issued and imported).
 *
 * @example
 * <CollectionsPanel items={[{ kind: 'issued', id: credential.credentialId, title: 'Data-analyse' }]} />
 */
export function CollectionsPanel(props: { items: ReadonlyArray<CollectableItem> }) {
  const { t } = useI18n();
  const text = t.collectionsPanel;
  const [version, setVersion] = useState(0);
  const [load] = useLoad((signal) => fetchMyCollections(signal), `collections-${version}`);
  const [editing, setEditing] = useState<string | 'new' | undefined>();
  const [notice, setNotice] = useState<Notice>();
  const { confirming, setConfirming, confirmButton, cancel } = useConfirmation('collection-delete');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reload = (message: string) => {
    setNotice({ text: message, tone: 'success' });
    setEditing(undefined);
    setVersion((v) => v + 1);
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const remove = (collection: Collection) => {
    deleteCollection(collection.id).then(
      () => reload(`${text.delete}: ${collection.title}`),
      () => setNotice({ text: text.saveFailed, tone: 'error' }),
    );
  };
  const titleOf = (kind: string, id: string) =>
    props.items.find((i) => i.kind === kind && i.id === id)?.title ?? id;

  return (
    <section className="learner-section collections-panel" aria-labelledby="collections-heading">
      <h2 id="collections-heading" ref={headingRef} tabIndex={-1}>
        {text.heading}
      </h2>
      <p>{text.intro}</p>
      <LiveNotice notice={notice} />
      {load.status === 'loading' ? <Loading /> : null}
      {load.status === 'failed' ? <p className="field__error">{text.loadFailed}</p> : null}
      {load.status === 'ready' ? (
        <>
          {load.value.length === 0 ? <p className="empty-state">{text.empty}</p> : null}
          <ul className="collections-panel__list">
            {load.value.map((collection) => (
              <li key={collection.id} className="panel collections-panel__item">
                {editing === collection.id ? (
                  <CollectionForm
                    initial={draftOf(collection)}
                    items={props.items}
                    onCancel={() => setEditing(undefined)}
                    onSave={(input) =>
                      updateCollection(collection.id, input).then(() =>
                        reload(`${text.save}: ${input.title}`),
                      )
                    }
                  />
                ) : (
                  <>
                    <h3 className="collections-panel__title">{collection.title}</h3>
                    <p>
                      <span className={`badge badge--${collection.shared ? 'success' : 'neutral'}`}>
                        {collection.shared ? text.shared : text.private}
                      </span>{' '}
                      {text.count(collection.items.length)}
                    </p>
                    {collection.items.length > 0 ? (
                      <ol className="collections-panel__items">
                        {collection.items.map((item) => (
                          <li key={`${item.kind}:${item.id}`}>{titleOf(item.kind, item.id)}</li>
                        ))}
                      </ol>
                    ) : null}
                    {collection.shared ? <ShareLink publicId={collection.publicId} /> : null}
                    {confirming === collection.id ? (
                      <ConfirmBox
                        id={collection.id}
                        question={text.confirmDelete(collection.title)}
                        yes={text.confirm}
                        no={text.cancel}
                        yesRef={confirmButton}
                        onYes={() => remove(collection)}
                        onNo={() => cancel(collection.id)}
                      />
                    ) : (
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => setEditing(collection.id)}
                        >
                          {text.edit}
                          <span className="visually-hidden">: {collection.title}</span>
                        </button>
                        <button
                          type="button"
                          id={`collection-delete-${collection.id}`}
                          className="button button--danger button--small"
                          onClick={() => setConfirming(collection.id)}
                        >
                          {text.delete}
                          <span className="visually-hidden">: {collection.title}</span>
                        </button>
                      </div>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
          {editing === 'new' ? (
            <div className="panel collections-panel__item">
              <CollectionForm
                initial={EMPTY}
                items={props.items}
                onCancel={() => setEditing(undefined)}
                onSave={(input) => createCollection(input).then(() => reload(`${text.save}: ${input.title}`))}
              />
            </div>
          ) : (
            <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
              {text.create}
            </button>
          )}
        </>
      ) : null}
    </section>
  );
}

function ShareLink({ publicId }: { publicId: string }) {
  const { t } = useI18n();
  const text = t.collectionsPanel;
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}${collectionPath(publicId)}`;
  return (
    <p className="collections-panel__link">
      <span>{text.link}:</span>{' '}
      <Link to={collectionPath(publicId)} className="code-text break">
        {url}
      </Link>{' '}
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}
      >
        {copied ? text.copied : text.copy}
      </button>
    </p>
  );
}

function CollectionForm({
  initial,
  items,
  onSave,
  onCancel,
}: {
  initial: Draft;
  items: ReadonlyArray<CollectableItem>;
  onSave: (input: CollectionInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const text = t.collectionsPanel;
  const [draft, setDraft] = useState<Draft>(initial);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failed, setFailed] = useState<string>();
  const idBase = useRef(`collection-${Math.random().toString(36).slice(2, 8)}`).current;
  const included = (kind: string, id: string) => draft.items.some((i) => i.kind === kind && i.id === id);
  const toggle = (item: CollectableItem, on: boolean) =>
    setDraft((d) => ({
      ...d,
      items: on
        ? [...d.items, { kind: item.kind, id: item.id }]
        : d.items.filter((i) => !(i.kind === item.kind && i.id === item.id)),
    }));
  const move = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const next = [...d.items];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved!);
      return { ...d, items: next };
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailed(undefined);
    onSave({
      title: draft.title,
      description: draft.description || null,
      shared: draft.shared,
      items: draft.items,
    }).then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        if (error instanceof ApiError && error.problems.length > 0) {
          const byField: Record<string, string[]> = {};
          for (const p of error.problems)
            (byField[p.field.startsWith('items') ? 'items' : p.field] ??= []).push(p.message);
          setErrors(byField);
        } else setFailed(error instanceof Error ? error.message : text.saveFailed);
      },
    );
  };
  const titleOf = (kind: string, id: string) =>
    items.find((i) => i.kind === kind && i.id === id)?.title ?? id;
  return (
    <form onSubmit={submit} noValidate aria-busy={busy} className="collections-panel__form">
      <TextField
        id={`${idBase}-title`}
        label={text.title}
        value={draft.title}
        onChange={(title) => setDraft((d) => ({ ...d, title }))}
        maxLength={200}
        required
        errors={errors.title}
      />
      <TextField
        id={`${idBase}-description`}
        label={text.description}
        value={draft.description}
        rows={3}
        maxLength={2000}
        onChange={(description) => setDraft((d) => ({ ...d, description }))}
      />
      <fieldset className="choice-group">
        <legend>{text.items}</legend>
        {items.length === 0 ? <p>{text.noItems}</p> : null}
        {items.map((item) => (
          <div className="choice" key={`${item.kind}:${item.id}`}>
            <input
              type="checkbox"
              id={`${idBase}-${item.kind}-${item.id}`}
              checked={included(item.kind, item.id)}
              onChange={(event) => toggle(item, event.target.checked)}
            />
            <label htmlFor={`${idBase}-${item.kind}-${item.id}`} className="choice__label">
              {item.title}
            </label>
          </div>
        ))}
        {errors.items?.map((message) => (
          <p key={message} className="field__error">
            {message}
          </p>
        ))}
      </fieldset>
      {draft.items.length > 1 ? (
        <ol className="collections-panel__order">
          {draft.items.map((item, index) => (
            <li key={`${item.kind}:${item.id}`}>
              <span>{titleOf(item.kind, item.id)}</span>{' '}
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={index === 0}
                onClick={() => move(index, -1)}
                aria-label={text.moveUp(titleOf(item.kind, item.id))}
              >
                ↑
              </button>{' '}
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={index === draft.items.length - 1}
                onClick={() => move(index, 1)}
                aria-label={text.moveDown(titleOf(item.kind, item.id))}
              >
                ↓
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="choice">
        <input
          type="checkbox"
          role="switch"
          id={`${idBase}-shared`}
          checked={draft.shared}
          onChange={(event) => setDraft((d) => ({ ...d, shared: event.target.checked }))}
        />
        <label htmlFor={`${idBase}-shared`} className="choice__label">
          {text.share}
        </label>
      </div>
      {failed ? (
        <p className="field__error" role="alert">
          {failed}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {text.save}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {text.cancel}
        </button>
      </div>
    </form>
  );
}
