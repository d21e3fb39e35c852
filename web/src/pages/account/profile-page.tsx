import { NotFoundPage } from '../public/not-found-page.tsx';

export function ProfilePage() {
  return <NotFoundPage />;
}
