/**
 * Reading a staff CSV file: UTF-8 (with or without BOM), comma or semicolon separated (Excel in
 * Norway writes semicolons), quotes as RFC 4180, a header row naming the columns in English or
 * Norwegian. Pure functions, unit-tested beside this file. Row-level checks that need the
 * database (an e-mail already taken) are the service's.
 */
import { STAFF_ROLES, type StaffImportRow, type StaffImportRowError } from '#contracts';

export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 2000;

export class CsvInvalid extends Error {}

type Column = 'name' | 'email' | 'phone' | 'role' | 'service' | 'organisation';

const HEADERS: Record<string, Column> = {
  name: 'name',
  navn: 'name',
  email: 'email',
  'e-mail': 'email',
  'e-post': 'email',
  epost: 'email',
  phone: 'phone',
  telefon: 'phone',
  mobil: 'phone',
  role: 'role',
  rolle: 'role',
  service: 'service',
  tjeneste: 'service',
  organisation: 'organisation',
  organization: 'organisation',
  organisasjon: 'organisation',
};

/** Norwegian role names as a person would write them. */
const ROLE_NAMES: Record<string, string> = {
  systemkoordinator: 'systemkoordinator',
  coordinator: 'coordinator',
  koordinator: 'coordinator',
  professional: 'professional',
  fagperson: 'professional',
  tjenesteyter: 'professional',
};

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const LIMITS: Record<Column, number> = { name: 200, email: 254, phone: 40, role: 40, service: 200, organisation: 200 };

/** Decodes the bytes as UTF-8, or says clearly that they are not. */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.length === 0) throw new CsvInvalid('The file is empty');
  if (bytes.length > MAX_CSV_BYTES) throw new CsvInvalid('The file is larger than 1 MB');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvInvalid('The file is not UTF-8 text: save it as "CSV UTF-8" and try again');
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Splits CSV text into records of fields (RFC 4180 quoting); a quote left open is an error. */
export function parseCsv(text: string, separator: ',' | ';'): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') {
      if (field !== '') throw new CsvInvalid(`Line ${line}: a quote in the middle of a field`);
      quoted = true;
    } else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += c;
  }
  if (quoted) throw new CsvInvalid(`Line ${recordLine}: a quote is never closed`);
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
  return records;
}

/** The rows of a staff file, each checked on its own and against the rows before it. */
export function readStaffCsv(bytes: Buffer): StaffImportRow[] {
  const text = decodeCsv(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0];
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const [header, ...records] = parseCsv(text, separator);
  if (!header) throw new CsvInvalid('The file is empty');
  const columns = header.fields.map((h) => HEADERS[h.trim().toLowerCase()]);
  for (const needed of ['name', 'email', 'role'] as const) {
    if (!columns.includes(needed))
      throw new CsvInvalid(
        `The first line must name the columns: name, email, role (and phone, service, organisation); "${needed}" is missing`,
      );
  }
  if (records.length === 0) throw new CsvInvalid('The file has no rows after the header');
  if (records.length > MAX_CSV_ROWS) throw new CsvInvalid(`The file has more than ${MAX_CSV_ROWS} rows`);
  const seen = new Set<string>();
  return records.map(({ line, fields }) => {
    if (fields.length !== header.fields.length)
      throw new CsvInvalid(`Line ${line}: ${fields.length} fields where the header has ${header.fields.length}`);
    const value = (c: Column) => {
      const i = columns.indexOf(c);
      return i < 0 ? '' : fields[i].trim();
    };
    const row: StaffImportRow = {
      line,
      name: value('name'),
      email: value('email').toLowerCase(),
      phone: value('phone'),
      role: ROLE_NAMES[value('role').toLowerCase()] ?? value('role'),
      service: value('service'),
      organisation: value('organisation'),
      errors: [],
    };
    const errors = new Set<StaffImportRowError>();
    if (!row.name) errors.add('name_missing');
    if (!EMAIL.test(row.email)) errors.add('email_invalid');
    if (!(STAFF_ROLES as readonly string[]).includes(row.role)) errors.add('role_invalid');
    for (const c of Object.keys(LIMITS) as Column[]) if (value(c).length > LIMITS[c]) errors.add('too_long');
    if (row.email && seen.has(row.email)) errors.add('duplicate_in_file');
    seen.add(row.email);
    row.errors = [...errors];
    return row;
  });
}
