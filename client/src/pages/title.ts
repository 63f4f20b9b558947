import { createEffect } from 'solid-js';
import { t } from '../i18n.js';

/** Keeps document.title as "<page> – Överens". */
export function usePageTitle(title: () => string | undefined): void {
  createEffect(() => {
    const page = title();
    document.title = page ? `${page} – ${t('app.name')}` : t('app.name');
  });
}
