import { Link } from 'react-router';
import { usePageTitle } from '../page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        The console has no such page. <Link to="/">Go to My work</Link>.
      </p>
    </>
  );
}
