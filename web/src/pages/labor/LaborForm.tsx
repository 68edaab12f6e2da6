import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../../api/use-api';
import { countyChoices, plainChoices, regionChoices, sectorChoices } from '../../components/reference-choices';
import { SelectField, type Choice } from '../../components/SelectField';
import { pathwayName, t } from '../../i18n';
import { navigate } from '../../router';
import {
  defaults,
  demands,
  educations,
  laborHref,
  lookAt,
  mapLevels,
  placeKind,
  sorts,
  splits,
  type LaborState,
  type LookAt,
  type MapLevel,
  type PlaceKind,
} from './state';

/** Choices from a fixed list, named by the catalog; the default marked; a value the list does not know kept as written. */
function listChoices(values: readonly string[], names: Record<string, string>, fallback: string, current: string): Choice[] {
  const known = values.map((v) => ({ value: v, name: v === fallback ? t.labor.defaultMark(names[v] ?? v) : (names[v] ?? v) }));
  return current && !values.includes(current) ? [...known, { value: current, name: current }] : known;
}

/**
 * The question: where, which occupations, and the settings that change the
 * numbers. The fields follow the address (back and forward) and "Show" puts
 * them in it.
 */
export function LaborForm({ state }: { state: LaborState }) {
  const [fields, setFields] = useState(state);
  const [place, setPlace] = useState<PlaceKind>(placeKind(state));
  const [kind, setKind] = useState<LookAt>(lookAt(state));
  const key = laborHref(state);
  useEffect(() => {
    setFields(state);
    setPlace(placeKind(state));
    setKind(lookAt(state));
  }, [key]);
  const regions = useApi('listRegions');
  const counties = useApi('listCounties');
  const sectors = useApi('listSectors');

  const set = <K extends keyof LaborState>(name: K, value: LaborState[K]) => setFields((f) => ({ ...f, [name]: value }));
  const select = (name: 'region' | 'county' | 'pathway' | 'split' | 'education' | 'demand' | 'sort') => ({
    value: fields[name],
    onChange: (e: Event) => set(name, (e.currentTarget as HTMLSelectElement).value),
  });
  const text = (name: 'program' | 'soc') => ({
    value: fields[name],
    onInput: (e: Event) => set(name, (e.currentTarget as HTMLInputElement).value),
  });

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const next: LaborState = {
      ...fields,
      region: place === 'region' ? fields.region : '',
      county: place === 'county' ? fields.county : '',
      sector: kind === 'sector' ? fields.sector : '',
      pathway: kind === 'sector' ? fields.pathway : '',
      program: kind === 'program' ? fields.program.trim() : '',
      soc: kind === 'soc' ? fields.soc.trim() : '',
    };
    navigate(laborHref(next), { focus: false });
  };

  const sector = sectors.status === 'ok' ? sectors.data.find((s) => s.code === fields.sector) : undefined;
  const unknown = (value: string) => (value ? [value] : []);
  // A county list in the address (06019,06039) is kept as one choice, as written.
  const countyList = countyChoices(counties);
  const extraCounty = fields.county && !countyList.some((c) => c.value === fields.county) ? plainChoices([fields.county]) : [];

  return (
    <form class="filters labor-form" aria-label={t.labor.formLabel} onSubmit={onSubmit}>
      <fieldset class="radio-group field-wide">
        <legend>{t.labor.place}</legend>
        {(['state', 'region', 'county'] as const).map((p) => (
          <label key={p}>
            <input type="radio" name="lm-place" value={p} checked={place === p} onChange={() => setPlace(p)} /> {t.labor.places[p]}
          </label>
        ))}
      </fieldset>
      {place === 'region' && (
        <SelectField id="lm-region" label={t.labor.region} any={t.directoryAny} choices={regionChoices(regions)} {...select('region')} />
      )}
      {place === 'county' && (
        <SelectField id="lm-county" label={t.labor.county} any={t.directoryAny} choices={[...countyList, ...extraCounty]} {...select('county')} />
      )}

      <fieldset class="radio-group field-wide">
        <legend>{t.labor.lookAt}</legend>
        {(['all', 'sector', 'program', 'soc'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="lm-look" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t.labor.lookAtOptions[k]}
          </label>
        ))}
      </fieldset>
      {kind === 'sector' && (
        <>
          <SelectField
            id="lm-sector"
            label={t.labor.sector}
            any={t.directoryAny}
            choices={sectorChoices(sectors)}
            value={fields.sector}
            onChange={(e) => setFields((f) => ({ ...f, sector: (e.currentTarget as HTMLSelectElement).value, pathway: '' }))}
          />
          <SelectField
            id="lm-pathway"
            label={t.labor.pathway}
            any={t.labor.allPathways}
            choices={sector ? sector.pathways.map((p) => ({ value: p.code, name: pathwayName(p.code, p.name) })) : plainChoices(unknown(fields.pathway))}
            {...select('pathway')}
            disabled={!sector && !fields.pathway}
          />
        </>
      )}
      {kind === 'program' && (
        <p class="field">
          <label for="lm-program">{t.labor.program}</label>
          <input id="lm-program" autoComplete="off" spellcheck={false} aria-describedby="lm-program-help" {...text('program')} />
          <span id="lm-program-help" class="help">
            {t.labor.programHelp}
          </span>
        </p>
      )}
      {kind === 'soc' && (
        <p class="field">
          <label for="lm-soc">{t.labor.soc}</label>
          <input id="lm-soc" autoComplete="off" spellcheck={false} aria-describedby="lm-soc-help" {...text('soc')} />
          <span id="lm-soc-help" class="help">
            {t.labor.socHelp}
          </span>
        </p>
      )}

      <SelectField
        id="lm-education"
        label={t.labor.education}
        choices={listChoices(educations, t.labor.educationOptions, defaults.education, fields.education)}
        {...select('education')}
      />
      <SelectField
        id="lm-split"
        label={t.labor.split}
        choices={listChoices(splits, t.labor.splitOptions, defaults.split, fields.split)}
        {...select('split')}
      />
      <SelectField
        id="lm-demand"
        label={t.labor.demand}
        choices={listChoices(demands, t.labor.demandOptions, defaults.demand, fields.demand)}
        {...select('demand')}
      />
      <SelectField
        id="lm-sort"
        label={t.labor.sort}
        choices={listChoices(sorts, t.labor.sortOptions, defaults.sort, fields.sort)}
        {...select('sort')}
      />
      <SelectField
        id="lm-map"
        label={t.labor.mapBy}
        choices={mapLevels.map((m) => ({ value: m, name: t.labor.mapByOptions[m] ?? m }))}
        value={fields.map}
        onChange={(e) => set('map', (e.currentTarget as HTMLSelectElement).value as MapLevel)}
      />

      <p class="field field-buttons">
        <button type="submit">{t.labor.show}</button> <a href={laborHref(defaults)}>{t.labor.reset}</a>
      </p>
    </form>
  );
}
