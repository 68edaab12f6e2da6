import { useEffect, useState } from 'preact/hooks';
import type { EquityGroup } from '../../api/types.gen';
import { useApi } from '../../api/use-api';
import { countyChoices, plainChoices, regionChoices, sectorChoices, useSchoolYears } from '../../components/reference-choices';
import { SelectField } from '../../components/SelectField';
import { pathwayName, t } from '../../i18n';
import { navigate } from '../../router';
import {
  defaults,
  equityHref,
  groupVariables,
  methods,
  outcomes,
  participationOutcomes,
  placeKind,
  referenceKeywords,
  type EquityState,
  type MapBy,
  type PlaceKind,
} from './state';

function OrganizationName({ id }: { id: string }) {
  const org = useApi('getOrganization', { path: { org_id: id } });
  const name = org.status === 'ok' ? org.data.name : id;
  return <>{t.equity.organizationChosen(name, id)}</>;
}

function OrganizationResults({ q, onPick }: { q: string; onPick: (id: string) => void }) {
  const found = useApi('listOrganizations', { query: { q, per_page: 8 } });
  if (found.status !== 'ok') return null;
  if (found.data.items.length === 0) return <p class="small" role="status">{t.equity.organizationNone}</p>;
  return (
    <ul class="org-choices">
      {found.data.items.map((o) => (
        <li key={o.org_id}>
          <button type="button" class="link-button" onClick={() => onPick(o.org_id)}>
            {t.equity.organizationChoose(o.name)}
          </button>{' '}
          <span class="small">{o.org_id}</span>
        </li>
      ))}
    </ul>
  );
}

/** An organization chosen by searching the directory. */
function OrganizationPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const [q, setQ] = useState('');
  if (value) {
    return (
      <p class="field field-wide">
        <span class="chosen">
          <OrganizationName id={value} />
        </span>{' '}
        <button type="button" class="button-secondary" onClick={() => onChange('')}>
          {t.equity.organizationClear}
        </button>
      </p>
    );
  }
  return (
    <div class="field field-wide">
      <label for="eq-org">{t.equity.organizationSearch}</label>
      <input
        id="eq-org"
        type="search"
        value={q}
        aria-describedby="eq-org-help"
        onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
      />
      <p id="eq-org-help" class="help">
        {t.equity.organizationSearchHelp}
      </p>
      {q.trim().length >= 2 && (
        <OrganizationResults
          q={q.trim()}
          onPick={(id) => {
            onChange(id);
            setQ('');
          }}
        />
      )}
    </div>
  );
}

interface FormProps {
  state: EquityState;
  /** The groups of the last answer, offered as references. */
  groups: EquityGroup[];
}

/**
 * The question: outcome, population, group variable, method and reference.
 * The fields follow the address (back and forward) and "Show" puts them in it.
 */
export function EquityForm({ state, groups }: FormProps) {
  const [fields, setFields] = useState(state);
  const [place, setPlace] = useState<PlaceKind>(placeKind(state));
  const key = equityHref(state);
  useEffect(() => {
    setFields(state);
    setPlace(placeKind(state));
  }, [key]);
  const years = useSchoolYears();
  const regions = useApi('listRegions');
  const counties = useApi('listCounties');
  const sectors = useApi('listSectors');

  const set = <K extends keyof EquityState>(name: K, value: EquityState[K]) => setFields((f) => ({ ...f, [name]: value }));
  const select = (name: 'outcome' | 'group' | 'region' | 'county' | 'sector' | 'pathway' | 'from' | 'to' | 'reference') => ({
    value: fields[name],
    onChange: (e: Event) => set(name, (e.currentTarget as HTMLSelectElement).value),
  });
  const text = (name: 'minMoe' | 'cutoff' | 'minN') => ({
    value: fields[name],
    onInput: (e: Event) => set(name, (e.currentTarget as HTMLInputElement).value),
  });

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const next: EquityState = {
      ...fields,
      region: place === 'region' ? fields.region : '',
      county: place === 'county' ? fields.county : '',
      organization: place === 'organization' ? fields.organization : '',
      // A new question starts on its last school year and its first flagged group.
      year: '',
      mapGroup: '',
    };
    navigate(equityHref(next), { focus: false });
  };

  const method = fields.method as keyof typeof referenceKeywords;
  const keywords = referenceKeywords[method] ?? [];
  const groupRefs = groups.filter((g) => g.group !== null && !keywords.includes(g.group as string));
  const sector = sectors.status === 'ok' ? sectors.data.find((s) => s.code === fields.sector) : undefined;
  const known = (value: string, list: string[]) => (value && !list.includes(value) ? [value] : []);
  // The method's default keyword is the empty value, the select's first option; then its other keywords, the groups and an unknown one.
  const referenceName = (k: string) => t.equity.references[k] ?? k;
  const groupCodes = groupRefs.map((g) => g.group as string);
  const referenceChoices = [
    ...keywords.slice(1).map((k) => ({ value: k, name: referenceName(k) })),
    ...groupRefs.map((g) => ({ value: g.group as string, name: t.equity.referenceGroup(g.label) })),
    ...known(fields.reference, [...keywords, ...groupCodes]).map((r) => ({ value: r, name: t.equity.referenceGroup(r) })),
  ];

  return (
    <form class="filters equity-form" aria-label={t.equity.formLabel} onSubmit={onSubmit}>
      <p class="field">
        <label for="eq-outcome">{t.equity.outcome}</label>
        <select id="eq-outcome" {...select('outcome')}>
          <optgroup label={t.equity.outcomeGroups.outcomes}>
            {outcomes
              .filter((o) => !participationOutcomes.has(o))
              .map((o) => (
                <option key={o} value={o}>
                  {t.equity.outcomes[o]}
                </option>
              ))}
          </optgroup>
          <optgroup label={t.equity.outcomeGroups.participation}>
            {outcomes
              .filter((o) => participationOutcomes.has(o))
              .map((o) => (
                <option key={o} value={o}>
                  {t.equity.outcomes[o]}
                </option>
              ))}
          </optgroup>
          {known(fields.outcome, outcomes).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </p>
      <SelectField
        id="eq-group"
        label={t.equity.group}
        choices={[...groupVariables, ...known(fields.group, [...groupVariables])].map((g) => ({ value: g, name: t.equity.groups[g] ?? g }))}
        {...select('group')}
      />

      <fieldset class="radio-group field-wide">
        <legend>{t.equity.place}</legend>
        {(['state', 'region', 'county', 'organization'] as const).map((p) => (
          <label key={p}>
            <input type="radio" name="eq-place" value={p} checked={place === p} onChange={() => setPlace(p)} />{' '}
            {t.equity.places[p]}
          </label>
        ))}
      </fieldset>
      {place === 'region' && (
        <SelectField id="eq-region" label={t.equity.region} any={t.directoryAny} choices={regionChoices(regions)} {...select('region')} />
      )}
      {place === 'county' && (
        <SelectField id="eq-county" label={t.equity.county} any={t.directoryAny} choices={countyChoices(counties)} {...select('county')} />
      )}
      {place === 'organization' && (
        <OrganizationPicker value={fields.organization} onChange={(id) => set('organization', id)} />
      )}

      <SelectField
        id="eq-sector"
        label={t.equity.sector}
        any={t.equity.allSectors}
        choices={sectorChoices(sectors)}
        value={fields.sector}
        onChange={(e) => setFields((f) => ({ ...f, sector: (e.currentTarget as HTMLSelectElement).value, pathway: '' }))}
      />
      <SelectField
        id="eq-pathway"
        label={t.equity.pathway}
        any={t.equity.allPathways}
        choices={sector ? sector.pathways.map((p) => ({ value: p.code, name: pathwayName(p.code, p.name) })) : plainChoices(known(fields.pathway, []))}
        {...select('pathway')}
        disabled={!sector}
      />
      {(['from', 'to'] as const).map((end) => (
        <SelectField
          key={end}
          id={`eq-${end}`}
          label={t.equity[end]}
          any={t.equity.yearDefault}
          choices={plainChoices([...years, ...known(fields[end], years)])}
          {...select(end)}
        />
      ))}

      <fieldset class="radio-group field-wide">
        <legend>{t.equity.method}</legend>
        {methods.map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="eq-method"
              value={m}
              checked={fields.method === m}
              onChange={() => setFields((f) => ({ ...f, method: m, reference: '' }))}
            />{' '}
            {t.equity.methods[m]}
          </label>
        ))}
      </fieldset>
      {keywords.length > 0 && (
        <SelectField
          id="eq-reference"
          label={t.equity.reference}
          any={t.equity.referenceDefault(referenceName(keywords[0] as string))}
          choices={referenceChoices}
          {...select('reference')}
        />
      )}
      <SelectField
        id="eq-by"
        label={t.equity.by}
        choices={(['county', 'region', 'none'] as const).map((b) => ({ value: b, name: t.equity.byOptions[b] }))}
        value={fields.by}
        onChange={(e) => set('by', (e.currentTarget as HTMLSelectElement).value as MapBy)}
      />

      <details class="field-wide advanced">
        <summary>{t.equity.advanced}</summary>
        <div class="advanced-fields">
          <p class="field checkbox-field">
            <label>
              <input
                type="checkbox"
                checked={fields.cohort === 'none'}
                onChange={(e) => set('cohort', (e.currentTarget as HTMLInputElement).checked ? 'none' : 'school_year')}
              />{' '}
              {t.equity.cohortPooled}
            </label>
          </p>
          {method === 'ppg' && (
            <>
              <p class="field">
                <label for="eq-min-moe">{t.equity.minMoe}</label>
                <input id="eq-min-moe" inputMode="decimal" placeholder={t.equity.defaultPlaceholder} {...text('minMoe')} />
              </p>
              <p class="field checkbox-field">
                <label>
                  <input
                    type="checkbox"
                    checked={fields.usePropInMoe}
                    onChange={(e) => set('usePropInMoe', (e.currentTarget as HTMLInputElement).checked)}
                  />{' '}
                  {t.equity.usePropInMoe}
                </label>
              </p>
            </>
          )}
          {method !== 'ppg' && (
            <p class="field">
              <label for="eq-cutoff">{t.equity.cutoff}</label>
              <input id="eq-cutoff" inputMode="decimal" placeholder={t.equity.defaultPlaceholder} {...text('cutoff')} />
            </p>
          )}
          <p class="field">
            <label for="eq-min-n">{t.equity.minN}</label>
            <input id="eq-min-n" inputMode="numeric" placeholder={t.equity.defaultPlaceholder} {...text('minN')} />
          </p>
        </div>
      </details>

      <p class="field field-buttons">
        <button type="submit">{t.equity.show}</button> <a href={equityHref(defaults)}>{t.equity.reset}</a>
      </p>
    </form>
  );
}
