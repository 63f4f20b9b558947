import { Link } from '../router.js';
import { t } from '../i18n.js';
import { usePageTitle } from './title.js';

export function NotFoundPage() {
  usePageTitle(() => t('notFound.title'));
  return (
    <div class="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href="/">{t('doc.back')}</Link>
      </p>
    </div>
  );
}
