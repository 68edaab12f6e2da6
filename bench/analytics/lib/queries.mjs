// The analytics workload Q1-Q6 (issue 6, "Performance"): each query as SQL for
// DuckDB, PostgreSQL and SQLite over the pre-joined table `flat`, and as a
// query spec (/work/contracts/query-spec.md) for Pathlight's engine.
//
// `columns` lists the result columns every engine must produce; results are
// compared on exactly these (by name), after canonicalisation (canon.mjs).
// Filter values were chosen to exist at every size: school years 2017-2026
// (ending year), sector HSM (Health Science and Medical Technology, the
// largest CTE sector of the synthetic data), regions of the default scheme.

// The flat table every SQL engine gets: student_year joined with student,
// organization and the county's region in the default scheme ("ccc"), with the
// eight outcomes already derived as 0/1 (NULL = missing) exactly as the
// engine's snapshot defines them. Order = CSV column order.
export const FLAT_COLUMNS = [
  ['student_key', 'text'], ['school_year', 'int'], ['org_id', 'text'], ['county', 'text'],
  ['region', 'text'], ['grade_level', 'text'], ['sector', 'text'], ['pathway', 'text'],
  ['cte_status', 'text'], ['wbl_type', 'text'],
  ['race_ethnicity', 'text'], ['gender', 'text'], ['socioeconomically_disadvantaged', 'flag'],
  ['disability', 'flag'], ['english_learner', 'flag'], ['foster_youth', 'flag'], ['homeless', 'flag'],
  ['migrant', 'flag'], ['first_generation', 'flag'],
  ['concentrator', 'flag'], ['completer', 'flag'], ['dual_enrollment', 'flag'], ['wbl', 'flag'],
  ['credential', 'flag'], ['graduate', 'flag'], ['postsecondary', 'flag'], ['employed', 'flag'],
  ['de_units', 'double'], ['wbl_hours', 'int'], ['wage', 'double'],
];

const SQL_TYPES = {
  duckdb: { text: 'VARCHAR', int: 'INTEGER', flag: 'SMALLINT', double: 'DOUBLE' },
  postgres: { text: 'TEXT', int: 'INTEGER', flag: 'SMALLINT', double: 'DOUBLE PRECISION' },
  sqlite: { text: 'TEXT', int: 'INTEGER', flag: 'INTEGER', double: 'REAL' },
};

export function flatColumnTypes(dialect) {
  return FLAT_COLUMNS.map(([name, kind]) => [name, SQL_TYPES[dialect][kind]]);
}

// CREATE TABLE flat (...) without keys or indexes.
export function createFlatTable(dialect, name = 'flat') {
  const cols = flatColumnTypes(dialect).map(([n, t]) => `  ${n} ${t}`).join(',\n');
  return `CREATE TABLE ${name} (\n${cols}\n)`;
}

// The join that defines `flat`, run by sqlite3 on the Pathlight database
// attached as `pl` (the store schema of src/store/migrations).
export const FLAT_SELECT_FROM_STORE = `
SELECT y.student_key, y.school_year, y.org_id, o.county_fips, r.region_code, y.grade_level,
       y.sector_code, y.pathway_code, y.cte_status, y.wbl_type,
       s.race_ethnicity, s.gender, s.socioeconomically_disadvantaged, s.disability,
       s.english_learner, s.foster_youth, s.homeless, s.migrant, s.first_generation,
       CASE WHEN y.cte_status = 'concentrator' OR y.cte_status = 'completer' THEN 1 ELSE 0 END,
       CASE WHEN y.cte_status = 'completer' THEN 1 ELSE 0 END,
       CASE WHEN y.de_units_attempted > 0 THEN 1 ELSE 0 END,
       CASE WHEN y.wbl_type IS NOT NULL OR y.wbl_hours > 0 THEN 1 ELSE 0 END,
       y.industry_credential, y.hs_graduate, y.postsecondary_enrolled, y.employed,
       y.de_units_earned, y.wbl_hours, y.quarterly_wage
FROM pl.student_year AS y
JOIN pl.student AS s ON s.student_key = y.student_key
JOIN pl.organization AS o ON o.org_id = y.org_id
LEFT JOIN pl.region_assignment AS r ON r.scheme_code = 'ccc' AND r.county_fips = o.county_fips`;

// ---- SQL helpers: the same expression in each dialect --------------------

const D = 'DOUBLE PRECISION';  // DuckDB, PostgreSQL and SQLite all accept this type name
const greatest = (dialect, a, b) => (dialect === 'sqlite' ? `MAX(${a}, ${b})` : `GREATEST(${a}, ${b})`);
const sum0 = (x) => `COALESCE(SUM(${x}), 0)`;
// o_rate = o_sum / o_n, NULL for 0/0 (the spec's null).
const rate = (x) => `CAST(${sum0(x)} AS ${D}) / NULLIF(COUNT(${x}), 0)`;
const nl = (cols) => cols.map((c) => `${c} NULLS LAST`).join(', ');

// Q1: count and completion rate by region x race/ethnicity for one year.
function q1Sql() {
  return `SELECT region, race_ethnicity, COUNT(*) AS count,
       ${sum0('completer')} AS completer_sum, COUNT(completer) AS completer_n,
       ${rate('completer')} AS completer_rate
FROM flat WHERE school_year = 2025
GROUP BY region, race_ethnicity
ORDER BY ${nl(['region', 'race_ethnicity'])}`;
}

// Q2: one sector over five years: count, WBL rate and mean dual-enrollment
// units by pathway x socioeconomic status.
function q2Sql() {
  return `SELECT pathway, socioeconomically_disadvantaged, COUNT(*) AS count,
       ${sum0('wbl')} AS wbl_sum, COUNT(wbl) AS wbl_n, ${rate('wbl')} AS wbl_rate,
       AVG(de_units) AS de_units_mean, COUNT(de_units) AS de_units_n
FROM flat WHERE sector = 'HSM' AND school_year BETWEEN 2021 AND 2025
GROUP BY pathway, socioeconomically_disadvantaged
ORDER BY ${nl(['pathway', 'socioeconomically_disadvantaged'])}`;
}

// Q3: PPG-1 ("all but current") completion gap by race/ethnicity for one
// year, with DisImpact's default margin of error max(1.96*sqrt(0.25/n), 0.03)
// and its flag pct_hi <= reference (NULL reference: not flagged).
function q3Sql(dialect) {
  return `SELECT race_ethnicity, n, success, pct, reference, pct - reference AS gap, moe,
       pct - moe AS pct_lo, pct + moe AS pct_hi,
       CASE WHEN pct + moe <= reference THEN 1 ELSE 0 END AS di_indicator
FROM (
  SELECT race_ethnicity, n, success, CAST(success AS ${D}) / n AS pct,
         CAST(total_success - success AS ${D}) / NULLIF(total_n - n, 0) AS reference,
         ${greatest(dialect, `1.96 * SQRT(CAST(0.25 AS ${D}) / n)`, '0.03')} AS moe
  FROM (
    SELECT race_ethnicity, n, success, SUM(n) OVER () AS total_n, SUM(success) OVER () AS total_success
    FROM (SELECT race_ethnicity, COUNT(completer) AS n, ${sum0('completer')} AS success
          FROM flat WHERE school_year = 2025 AND completer IS NOT NULL
          GROUP BY race_ethnicity) AS g
  ) AS t
) AS p
ORDER BY ${nl(['race_ethnicity'])}`;
}

// Q4: the dashboard cube.
function q4Sql() {
  const dims = ['school_year', 'region', 'sector', 'race_ethnicity', 'gender', 'socioeconomically_disadvantaged'];
  return `SELECT ${dims.join(', ')}, COUNT(*) AS count,
       ${sum0('completer')} AS completer_sum, ${sum0('credential')} AS credential_sum,
       ${sum0('wbl')} AS wbl_sum, ${sum0('employed')} AS employed_sum
FROM flat
GROUP BY ${dims.join(', ')}
ORDER BY ${nl(dims)}`;
}

// Q5: distinct students by region over five years.
function q5Sql() {
  return `SELECT region, COUNT(DISTINCT student_key) AS distinct_students
FROM flat WHERE school_year BETWEEN 2021 AND 2025
GROUP BY region
ORDER BY ${nl(['region'])}`;
}

// Q6: DisImpact's di_iterate as SQL: outcomes x group variables x cohorts
// (school years) x scenarios (region and grade level, each with "- All"),
// plus the undisaggregated "- None"/"- All" rows; PPG against the overall
// rate, proportionality index (cutoff 0.8) and 80% index against the highest
// performing group (cutoff 0.8), in DisImpact's output columns and order.
// Portable SQL (no GROUPING SETS) so that all three engines run the same text.
// First the data are collapsed to counts, as di_iterate does; 0/0 gives NULL
// where R gives NaN (the comparison treats both as missing).
export const Q6_OUTCOMES = ['completer', 'credential', 'employed'];
export const Q6_GROUPS = ['race_ethnicity', 'gender', 'socioeconomically_disadvantaged'];
export const Q6_SCENARIOS = ['region', 'grade_level'];
export const Q6_COHORT = 'school_year';

function q6Sql(dialect) {
  const [sa, sb] = Q6_SCENARIOS;
  const vc = (x) => `CAST(${x} AS VARCHAR)`;
  const base = `SELECT ${sa}, ${sb}, ${Q6_COHORT} AS cohort, ${Q6_GROUPS.map((g) => `${vc(g)} AS ${g}`).join(', ')},
         ${Q6_OUTCOMES.map((o) => `COUNT(${o}) AS n_${o}, SUM(${o}) AS s_${o}`).join(',\n         ')}
  FROM flat
  GROUP BY ${sa}, ${sb}, ${Q6_COHORT}, ${Q6_GROUPS.join(', ')}`;
  const scenarioCols = [
    [sa, sb], [`'- All'`, sb], [sa, `'- All'`], [`'- All'`, `'- All'`],
  ];
  const scen = scenarioCols.map(([a, b]) => `SELECT ${a} AS s_a, ${b} AS s_b, b.* FROM base AS b`).join('\n  UNION ALL ');
  const branches = [];
  for (const o of Q6_OUTCOMES) {
    for (const g of [...Q6_GROUPS, null]) {
      const disagg = g === null ? `'- None'` : `'${g}'`;
      const grp = g === null ? `'- All'` : g;
      branches.push(`SELECT s_a, s_b, '${o}' AS success_variable, cohort, ${disagg} AS disaggregation, ${grp} AS grp, n_${o} AS n, s_${o} AS s FROM scen`);
    }
  }
  const part = 's_a, s_b, success_variable, cohort, disaggregation';
  return `WITH base AS (
  ${base}
), scen AS (
  ${scen}
), long AS (
  ${branches.join('\n  UNION ALL ')}
), summ AS (
  SELECT ${part}, grp, SUM(n) AS n, SUM(s) AS success
  FROM long GROUP BY ${part}, grp HAVING SUM(n) > 0
), pcts AS (
  SELECT summ.*, CAST(success AS ${D}) / n AS pct FROM summ
), w AS (
  SELECT pcts.*,
         SUM(n) OVER c AS cohort_n, SUM(success) OVER c AS cohort_success,
         MAX(pct) OVER c AS hpg_rate,
         FIRST_VALUE(grp) OVER (PARTITION BY ${part} ORDER BY pct DESC, grp ASC NULLS LAST) AS hpg_group
  FROM pcts
  WINDOW c AS (PARTITION BY ${part})
), r AS (
  SELECT w.*,
         CAST(cohort_success AS ${D}) / cohort_n AS ppg_reference,
         ${greatest(dialect, `1.96 * SQRT(CAST(0.25 AS ${D}) / n)`, '0.03')} AS moe,
         CAST(n AS ${D}) / cohort_n AS pct_group,
         CAST(success AS ${D}) / NULLIF(cohort_success, 0) AS pct_success
  FROM w
), x AS (
  SELECT r.*, pct - moe AS pct_lo, pct + moe AS pct_hi,
         pct_success / pct_group AS di_prop_index,
         pct / NULLIF(hpg_rate, 0) AS di_80_index
  FROM r
)
SELECT s_a AS ${sa}, s_b AS ${sb}, success_variable, '${Q6_COHORT}' AS cohort_variable,
       ${vc('cohort')} AS cohort, disaggregation, grp AS "group", n, success, pct,
       ppg_reference, 'overall' AS ppg_reference_group, moe, pct_lo, pct_hi,
       CASE WHEN pct_hi <= ppg_reference THEN 1 ELSE 0 END AS di_indicator_ppg,
       CASE WHEN pct_hi <= ppg_reference THEN CEIL((ppg_reference - (pct + moe)) * n) ELSE 0 END AS success_needed_not_di_ppg,
       CASE WHEN pct < ppg_reference THEN CEIL((ppg_reference - pct) * n) ELSE 0 END AS success_needed_full_parity_ppg,
       di_prop_index,
       CASE WHEN di_prop_index < 0.8 THEN 1 ELSE 0 END AS di_indicator_prop_index,
       CASE WHEN di_prop_index < 0.8
            THEN CEIL((cohort_success * pct_group * 0.8 - success) / NULLIF(1 - pct_group * 0.8, 0)) ELSE 0 END
         AS success_needed_not_di_prop_index,
       CASE WHEN di_prop_index < 1
            THEN CEIL((cohort_success * pct_group * 1 - success) / NULLIF(1 - pct_group * 1, 0)) ELSE 0 END
         AS success_needed_full_parity_prop_index,
       hpg_group AS di_80_index_reference_group, di_80_index,
       CASE WHEN di_80_index < 0.8 THEN 1 ELSE 0 END AS di_indicator_80_index,
       CASE WHEN di_80_index < 0.8 THEN CEIL((0.8 * hpg_rate - pct) * n) ELSE 0 END AS success_needed_not_di_80_index,
       CASE WHEN pct < hpg_rate THEN CEIL((hpg_rate - pct) * n) ELSE 0 END AS success_needed_full_parity_80_index
FROM x
ORDER BY ${nl(['s_a', 's_b', 'success_variable', 'cohort', 'disaggregation', 'grp'])}`;
}

export const Q6_COLUMNS = [
  ...Q6_SCENARIOS, 'success_variable', 'cohort_variable', 'cohort', 'disaggregation', 'group', 'n', 'success',
  'pct', 'ppg_reference', 'ppg_reference_group', 'moe', 'pct_lo', 'pct_hi', 'di_indicator_ppg',
  'success_needed_not_di_ppg', 'success_needed_full_parity_ppg', 'di_prop_index', 'di_indicator_prop_index',
  'success_needed_not_di_prop_index', 'success_needed_full_parity_prop_index', 'di_80_index_reference_group',
  'di_80_index', 'di_indicator_80_index', 'success_needed_not_di_80_index', 'success_needed_full_parity_80_index',
];

// PPG-1 from the engine's aggregate (Q3 for Pathlight): the same arithmetic,
// in the same order, as the SQL above. `rows` are objects with
// race_ethnicity, completer_n and completer_sum.
export function ppgAllButCurrent(rows) {
  const totalN = rows.reduce((a, r) => a + Number(r.completer_n), 0);
  const totalS = rows.reduce((a, r) => a + Number(r.completer_sum), 0);
  return rows.map((r) => {
    const n = Number(r.completer_n);
    const success = Number(r.completer_sum);
    const pct = success / n;
    const reference = totalN - n === 0 ? null : (totalS - success) / (totalN - n);
    const moe = Math.max(1.96 * Math.sqrt(0.25 / n), 0.03);
    return {
      race_ethnicity: r.race_ethnicity, n, success, pct, reference,
      gap: reference === null ? null : pct - reference, moe, pct_lo: pct - moe, pct_hi: pct + moe,
      di_indicator: reference !== null && pct + moe <= reference ? 1 : 0,
    };
  });
}

// The workload. `spec`: the engine's query (null when the engine answers by
// another command: Q6). `post`: turns the engine's rows into the SQL's
// columns (Q3).
export const QUERIES = [
  {
    id: 'Q1', title: 'count and completion rate by region x race/ethnicity, one year (2024-25)',
    sql: q1Sql,
    columns: ['region', 'race_ethnicity', 'count', 'completer_sum', 'completer_n', 'completer_rate'],
    spec: {
      filters: [{ dim: 'school_year', min: 2025, max: 2025 }],
      group_by: ['region', 'race_ethnicity'],
      measures: [{ op: 'count' }, { op: 'rate', outcome: 'completer' }],
    },
  },
  {
    id: 'Q2', title: 'sector HSM, 2020-21..2024-25: count, WBL rate, mean DE units by pathway x SED',
    sql: q2Sql,
    columns: ['pathway', 'socioeconomically_disadvantaged', 'count', 'wbl_sum', 'wbl_n', 'wbl_rate',
      'de_units_mean', 'de_units_n'],
    spec: {
      filters: [{ dim: 'sector', in: ['HSM'] }, { dim: 'school_year', min: 2021, max: 2025 }],
      group_by: ['pathway', 'socioeconomically_disadvantaged'],
      measures: [{ op: 'count' }, { op: 'rate', outcome: 'wbl' }, { op: 'mean', measure: 'de_units' }],
    },
  },
  {
    id: 'Q3', title: 'PPG-1 completion gap by race/ethnicity, 2024-25, MOE and flag',
    sql: q3Sql,
    columns: ['race_ethnicity', 'n', 'success', 'pct', 'reference', 'gap', 'moe', 'pct_lo', 'pct_hi', 'di_indicator'],
    spec: {
      filters: [{ dim: 'school_year', min: 2025, max: 2025 }],
      group_by: ['race_ethnicity'],
      measures: [{ op: 'rate', outcome: 'completer' }],
    },
    post: ppgAllButCurrent,
  },
  {
    id: 'Q4', title: 'dashboard cube: year x region x sector x race x gender x SED',
    sql: q4Sql,
    columns: ['school_year', 'region', 'sector', 'race_ethnicity', 'gender', 'socioeconomically_disadvantaged',
      'count', 'completer_sum', 'credential_sum', 'wbl_sum', 'employed_sum'],
    spec: {
      filters: [],
      group_by: ['school_year', 'region', 'sector', 'race_ethnicity', 'gender', 'socioeconomically_disadvantaged'],
      measures: [{ op: 'count' }, { op: 'sum', outcome: 'completer' }, { op: 'sum', outcome: 'credential' },
        { op: 'sum', outcome: 'wbl' }, { op: 'sum', outcome: 'employed' }],
    },
  },
  {
    id: 'Q5', title: 'distinct students by region, 2020-21..2024-25',
    sql: q5Sql,
    columns: ['region', 'distinct_students'],
    spec: {
      filters: [{ dim: 'school_year', min: 2021, max: 2025 }],
      group_by: ['region'],
      measures: [{ op: 'distinct_students' }],
    },
  },
  {
    id: 'Q6', title: 'di_iterate: 3 outcomes x 3 group variables x 10 cohorts x 2 scenario variables',
    sql: q6Sql,
    columns: Q6_COLUMNS,
    spec: null,
  },
];
