import { NotFoundPage } from './not-found-page.tsx';

export function CollectionPage(_props: { id: string }) {
  return <NotFoundPage />;
}
