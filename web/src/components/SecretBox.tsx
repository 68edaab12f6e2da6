import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

/**
 * A secret the server shows once (a generated password, a new API token):
 * clearly marked, with a copy button, until the person says they have it.
 * It takes the focus when it appears so a screen reader reads it out.
 */
export function SecretBox({
  title,
  body,
  secret,
  onDone,
}: {
  title: string;
  body: string;
  secret: string;
  onDone: () => void;
}) {
  const id = useId();
  const box = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => box.current?.focus(), [secret]);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <section class="notice notice-secret" aria-labelledby={id} tabIndex={-1} ref={box}>
      <h2 id={id} class="notice-title">
        {title}
      </h2>
      <p>
        <strong>{t.shownOnce}</strong> {body}
      </p>
      <p class="secret-row">
        <code class="secret" data-secret="">
          {secret}
        </code>
        <button type="button" onClick={onCopy}>
          {t.copy}
        </button>
      </p>
      <p role="status" class="small">
        {copy === 'copied' ? t.copied : copy === 'failed' ? t.copyFailed : ''}
      </p>
      <p>
        <button type="button" class="button-secondary" onClick={onDone}>
          {t.secretDone}
        </button>
      </p>
    </section>
  );
}
