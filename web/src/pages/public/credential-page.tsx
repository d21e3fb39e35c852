import { NotFoundPage } from './not-found-page.tsx';

export function CredentialPage(_props: { id: string }) {
  return <NotFoundPage />;
}
