/** A Salesforce "Opportunities with Products" export, as config/imports/salesforce-opportunity-lines.yaml reads it. */

export const HEADER = ['Opportunity ID', 'Account Name', 'Architecture', 'Enterprise Agreement', 'Close Date', 'Contract Term (Months)', 'Opportunity Owner', 'Opportunity Owner Email', 'Product Code', 'Product Name', 'Use Case', 'Quantity', 'Total Price', 'Software'];

export type SalesforceRow = Record<(typeof HEADER)[number], string>;

/** One good line item of opportunity `id`, closed on `closeDate` (M/D/YYYY). */
export function goodRow(id: string, closeDate: string, overrides: Partial<SalesforceRow> = {}): SalesforceRow {
  return {
    'Opportunity ID': id,
    'Account Name': `Customer ${id}`,
    Architecture: 'Data Center',
    'Enterprise Agreement': 'No',
    'Close Date': closeDate,
    'Contract Term (Months)': '36',
    'Opportunity Owner': 'Ana Moreno',
    'Opportunity Owner Email': 'ana.moreno@northwind.example',
    'Product Code': 'DC-INTERSIGHT-ESS',
    'Product Name': 'Intersight Essentials',
    'Use Case': 'intersight',
    Quantity: '100',
    'Total Price': '"420,000.00"',
    Software: 'Yes',
    ...overrides,
  };
}

const quoted = (cell: string) => (cell.startsWith('"') ? cell : /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function csvOf(rows: SalesforceRow[]): string {
  return [HEADER.join(','), ...rows.map((r) => HEADER.map((h) => quoted(r[h] ?? '')).join(','))].join('\n') + '\n';
}

/** Twenty ways a row is wrong, each with the column and the rule the report must name. */
export const BAD_ROWS: { change: Partial<SalesforceRow>; column: string; rule: RegExp }[] = [
  { change: { Architecture: 'Mainframe' }, column: 'Architecture', rule: /collaboration|data-center|expected one of/i },
  { change: { 'Close Date': '13/45/2021' }, column: 'Close Date', rule: /date|YYYY-MM-DD/i },
  { change: { 'Total Price': '-5' }, column: 'Total Price', rule: /./ },
  { change: { 'Account Name': '' }, column: 'Account Name', rule: /./ },
  { change: { 'Opportunity Owner Email': 'not-an-email' }, column: 'Opportunity Owner Email', rule: /e-mail/ },
  { change: { Quantity: '0' }, column: 'Quantity', rule: /positive/ },
  { change: { 'Contract Term (Months)': '500' }, column: 'Contract Term (Months)', rule: /120/ },
  { change: { 'Product Code': '' }, column: 'Product Code', rule: /./ },
  { change: { Software: 'maybe' }, column: 'Software', rule: /boolean/i },
  { change: { 'Enterprise Agreement': 'perhaps' }, column: 'Enterprise Agreement', rule: /boolean/i },
  { change: { 'Use Case': 'Not A Slug!' }, column: 'Use Case', rule: /./ },
  { change: { Quantity: 'many' }, column: 'Quantity', rule: /number/i },
  { change: { 'Total Price': 'lots' }, column: 'Total Price', rule: /number/i },
  { change: { 'Opportunity Owner': '' }, column: 'Opportunity Owner', rule: /./ },
  { change: { 'Close Date': '' }, column: 'Close Date', rule: /./ },
  { change: { Architecture: '' }, column: 'Architecture', rule: /./ },
  { change: { 'Opportunity Owner Email': '', 'Opportunity Owner': '' }, column: 'Opportunity Owner Email', rule: /Account Manager/ },
  { change: { 'Contract Term (Months)': '0' }, column: 'Contract Term (Months)', rule: /at least 1/ },
  { change: { 'Total Price': '1e30' }, column: 'Total Price', rule: /./ },
  { change: { 'Opportunity ID': 'Bad Id!' }, column: 'Opportunity ID', rule: /./ },
];
