// Canonical form of a query result, so that results from four engines can be
// compared: the expected columns only (by name), every cell as a string
// (missing -> "NA"; numbers rounded to 9 significant digits; numeric-looking
// strings such as "09" or "2024" read as numbers, since CSV output loses the
// type), rows sorted. Two canonical results are equal when every cell is
// equal, or both are numbers at most one unit apart in the 9th significant
// digit (values that fall on the two sides of a rounding boundary).

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function canonCell(v) {
  if (v === null || v === undefined) return 'NA';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return canonNumber(v);
  if (typeof v === 'object' && 'value' in v) return canonCell(v.value);  // {value, suppressed} cells
  const s = String(v);
  if (s === '' || s === 'NA' || s === 'NaN' || s === 'null') return 'NA';
  if (NUMERIC.test(s)) return canonNumber(Number(s));
  return s;
}

function canonNumber(x) {
  if (Number.isNaN(x)) return 'NA';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return String(Number(x.toPrecision(9)));
}

// result: {columns: [name...], rows: [[...]...]} -> {columns, rows: [[string...]]}
// Throws when an expected column is missing (the engine answered another question).
export function canonicalise(result, expectedColumns) {
  const index = expectedColumns.map((c) => {
    const i = result.columns.indexOf(c);
    if (i < 0) throw new Error(`result has no column "${c}" (it has: ${result.columns.join(', ')})`);
    return i;
  });
  const rows = result.rows.map((r) => index.map((i) => canonCell(r[i])));
  rows.sort(compareRows);
  return { columns: expectedColumns, rows };
}

function compareRows(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

function cellsEqual(a, b) {
  if (a === b) return true;
  if (!NUMERIC.test(a) || !NUMERIC.test(b)) return false;
  // One unit in the 9th significant digit: a value printed with 15 digits
  // (sqlite3's CSV) can round to the other side of a 9-digit boundary.
  const x = Number(a), y = Number(b);
  const big = Math.max(Math.abs(x), Math.abs(y));
  if (big === 0) return true;
  const unit = 10 ** (Math.floor(Math.log10(big)) - 8);
  return Math.abs(x - y) <= unit * 1.000001;
}

// Returns null when equal, else a short description of the first differences.
export function diff(reference, other, maxShown = 5) {
  const problems = [];
  if (reference.rows.length !== other.rows.length) {
    problems.push(`row count ${other.rows.length}, expected ${reference.rows.length}`);
  }
  const n = Math.min(reference.rows.length, other.rows.length);
  let shown = 0, differing = 0;
  for (let i = 0; i < n; i++) {
    const a = reference.rows[i], b = other.rows[i];
    const bad = a.findIndex((cell, j) => !cellsEqual(cell, b[j]));
    if (bad >= 0) {
      differing++;
      if (shown++ < maxShown) {
        problems.push(`row ${i}: column ${reference.columns[bad]}: ${b[bad]} vs expected ${a[bad]}\n` +
          `    got      [${b.join(', ')}]\n    expected [${a.join(', ')}]`);
      }
    }
  }
  if (differing > maxShown) problems.push(`... ${differing} differing rows in all`);
  return problems.length ? problems.join('\n  ') : null;
}

// Minimal RFC 4180 reader for the engines' CSV output (header + rows).
// Unquoted empty fields are missing (null); quoted empty fields are "".
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false, wasQuoted = false, i = 0;
  const endField = () => { row.push(field === '' && !wasQuoted ? null : field); field = ''; wasQuoted = false; };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; wasQuoted = true; i++; continue; }
    if (c === ',') { endField(); i++; continue; }
    if (c === '\r') { i++; continue; }
    if (c === '\n') { endField(); rows.push(row); row = []; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || wasQuoted || row.length) { endField(); rows.push(row); }
  if (!rows.length) return { columns: [], rows: [] };
  return { columns: rows[0].map(String), rows: rows.slice(1) };
}
