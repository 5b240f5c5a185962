/** A labelled select; `empty` adds a first choice with the value '' (no filter, all, nothing). */
export function Picker(props: {
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  onChange: (v: string) => void;
  format?: (v: string) => string;
  empty?: string;
}) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.format ? props.format(o) : o}
          </option>
        ))}
      </select>
    </div>
  );
}
