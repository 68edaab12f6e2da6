import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { useLocation } from '../router';

/**
 * "Share this view": the page's address (which holds its whole state) in a
 * read-only field with a copy button, and the same address as a link.
 * `idPrefix` keeps the ids of two pages' copies apart ("eq" → #eq-link).
 */
export function ShareLink({ idPrefix, heading, label, help }: { idPrefix: string; heading: string; label: string; help: string }) {
  const url = useLocation();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setCopied('idle'), [url.href]);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(url.href);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section aria-labelledby={`${idPrefix}-link-heading`} class="panel share-panel">
      <h2 id={`${idPrefix}-link-heading`}>{heading}</h2>
      <p class="inline-field share-row">
        <label for={`${idPrefix}-link`}>{label}</label>
        <input id={`${idPrefix}-link`} type="url" readOnly value={url.href} aria-describedby={`${idPrefix}-link-help`} />
        <button type="button" onClick={onCopy}>
          {t.copy}
        </button>
      </p>
      <p id={`${idPrefix}-link-help`} class="small">
        {help}{' '}
        <a href={url.pathname + url.search} class="share-link">
          {label}
        </a>
      </p>
      <p role="status" class="small">
        {copied === 'copied' ? t.copied : copied === 'failed' ? t.copyFailed : ''}
      </p>
    </section>
  );
}
