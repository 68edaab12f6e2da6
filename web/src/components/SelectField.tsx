import type { SelectHTMLAttributes } from 'preact';

/** One option of a SelectField: the value it sends and the name a person reads. */
export interface Choice {
  value: string;
  name: string;
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  id: string;
  label: string;
  /** The first option, with the empty value ("Any", "All sectors"); none when left out. */
  any?: string;
  choices: readonly Choice[];
};

/**
 * A labelled select in the filter forms' layout (`p.field`). Everything else
 * (value, name, onChange or onInput, disabled, aria-describedby) goes to the
 * select itself, so each form keeps its own way of holding the fields.
 */
export function SelectField({ id, label, any, choices, ...select }: SelectFieldProps) {
  return (
    <p class="field">
      <label for={id}>{label}</label>
      <select id={id} {...select}>
        {any !== undefined && <option value="">{any}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.name}
          </option>
        ))}
      </select>
    </p>
  );
}
