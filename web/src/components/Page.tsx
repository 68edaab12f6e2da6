import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { takeFocusRequest, useLocation } from '../router';

/**
 * Every page: its heading and the document title. After an in-app
 * navigation the heading takes the focus, so a keyboard or screen-reader user
 * starts reading the new page instead of staying on the link they followed.
 * `above` goes before the heading (a breadcrumb).
 */
export function Page({ title, above, children }: { title: string; above?: ComponentChildren; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const href = useLocation().href;
  useEffect(() => {
    document.title = t.pageTitle(title);
    if (takeFocusRequest()) heading.current?.focus();
  }, [title, href]);
  return (
    <>
      {above}
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </>
  );
}
