import type {
  Collection,
  CollectionInput,
  CollectionItemRef,
  CredentialDetails,
  CredentialView,
  PublicCollection,
  PublicCollectionItem,
  RelatedCredential,
  ShareState,
} from '../../../src/wallet/schemas.ts';
import { getJson, sendJson } from './http.ts';

export type {
  Collection,
  CollectionInput,
  CollectionItemRef,
  CredentialDetails,
  CredentialView,
  PublicCollection,
  PublicCollectionItem,
  RelatedCredential,
  ShareState,
};

/** What a credential's page shows to the one asking (private: only that it exists). */
export function fetchCredentialView(id: string, signal?: AbortSignal): Promise<CredentialView> {
  return getJson<CredentialView>(`/api/v1/credentials/${encodeURIComponent(id)}/view`, signal);
}

/** The holder shares one of their credentials, or stops sharing it; effective at once. */
export function shareCredential(id: string, shared: boolean): Promise<ShareState> {
  return sendJson<ShareState>('PUT', `/api/v1/me/credentials/${encodeURIComponent(id)}/share`, { shared });
}

export function fetchMyCollections(signal?: AbortSignal): Promise<Collection[]> {
  return getJson<Collection[]>('/api/v1/me/collections', signal);
}

export function createCollection(input: CollectionInput): Promise<Collection> {
  return sendJson<Collection>('POST', '/api/v1/me/collections', input);
}

export function updateCollection(id: string, input: CollectionInput): Promise<Collection> {
  return sendJson<Collection>('PUT', `/api/v1/me/collections/${encodeURIComponent(id)}`, input);
}

export function deleteCollection(id: string): Promise<null> {
  return sendJson<null>('DELETE', `/api/v1/me/collections/${encodeURIComponent(id)}`);
}

/** A shared collection as anyone with its link sees it. */
export function fetchPublicCollection(publicId: string, signal?: AbortSignal): Promise<PublicCollection> {
  return getJson<PublicCollection>(`/api/v1/collections/${encodeURIComponent(publicId)}`, signal);
}
