import { useEffect, useState } from 'preact/hooks';

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file: the header line, then one line per row, each line ending in CRLF. */
export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((cells) => cells.map(csvField).join(',') + '\r\n').join('');
}

/**
 * A download link holding the file itself: a `blob:` address where the
 * browser has them, a `data:` one elsewhere (test DOMs). The file is exactly
 * `csv`, so what a person downloads is what the page shows.
 */
export function CsvLink({ csv, fileName, label, help, helpId }: { csv: string; fileName: string; label: string; help: string; helpId: string }) {
  const [href, setHref] = useState('');
  useEffect(() => {
    if (typeof URL.createObjectURL === 'function') {
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      setHref(url);
      return () => URL.revokeObjectURL(url);
    }
    setHref('data:text/csv;charset=utf-8,' + encodeURIComponent(csv));
    return undefined;
  }, [csv]);
  return (
    <p class="csv-row">
      <a class="button" href={href || undefined} download={fileName} aria-describedby={helpId}>
        {label}
      </a>{' '}
      <span id={helpId} class="small csv-help">
        {help}
      </span>
    </p>
  );
}
