/** A strict RFC 4180 reader, to check that the export parses back to what was written. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"' && field === '') {
      let j = i + 1;
      let quoted = '';
      for (;;) {
        const next = text.indexOf('"', j);
        if (next < 0) throw new Error(`unterminated quoted field at ${i}`);
        quoted += text.slice(j, next);
        if (text[next + 1] === '"') {
          quoted += '"';
          j = next + 2;
        } else {
          i = next + 1;
          break;
        }
      }
      field = quoted;
      if (![',', '\r', undefined].includes(text[i])) throw new Error(`text after a quoted field at ${i}`);
      continue;
    }
    if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else if (char === '"' || char === '\n' || char === '\r') {
      throw new Error(`bare ${JSON.stringify(char)} in an unquoted field at ${i}`);
    } else {
      field += char;
    }
    i += 1;
  }
  if (field !== '' || row.length > 0) throw new Error('the last row does not end with CRLF');
  return rows;
}
