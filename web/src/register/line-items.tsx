import { TextField } from '../components/field';
import { emptyLine, type LineForm } from './booking-form';

interface Props {
  lines: LineForm[];
  errors: Map<string, string>;
  onChange(lines: LineForm[]): void;
}

/** The booking's line items: SKU, the program use case it is for, quantity and net value. */
export function LineItemsFieldset({ lines, errors, onChange }: Props) {
  const update = (index: number, patch: Partial<LineForm>) => onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  return (
    <fieldset>
      <legend>Line items</legend>
      {errors.get('lineItems') && <p className="field-error">{errors.get('lineItems')}</p>}
      {lines.map((line, index) => {
        const at = (field: string) => errors.get(`lineItems[${index}].${field}`);
        return (
          <div className="line" key={index} role="group" aria-label={`Line item ${index + 1}`}>
            <TextField label={`SKU (line ${index + 1})`} value={line.sku} onChange={(e) => update(index, { sku: e.target.value })} error={at('sku')} />
            <TextField
              label={`Use case (line ${index + 1})`}
              value={line.useCase}
              onChange={(e) => update(index, { useCase: e.target.value })}
              error={at('useCase')}
              hint="e.g. intersight"
            />
            <TextField label={`Quantity (line ${index + 1})`} inputMode="numeric" value={line.quantity} onChange={(e) => update(index, { quantity: e.target.value })} error={at('quantity')} />
            <TextField
              label={`Net value, USD (line ${index + 1})`}
              inputMode="decimal"
              value={line.netValueUsd}
              onChange={(e) => update(index, { netValueUsd: e.target.value })}
              error={at('netValueUsd')}
            />
            {lines.length > 1 && (
              <button type="button" className="secondary" onClick={() => onChange(lines.filter((_, i) => i !== index))}>
                Remove line {index + 1}
              </button>
            )}
          </div>
        );
      })}
      <button type="button" className="secondary" onClick={() => onChange([...lines, emptyLine()])}>
        Add a line item
      </button>
    </fieldset>
  );
}
