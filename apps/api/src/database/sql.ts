/**
 * The hot path's SQL: named (prepared) statements and entity rows without the query builder.
 *
 * Every edit runs the same handful of statements. Through TypeORM's query builder each one is
 * built, escaped and parsed anew and its rows go through the entity transformer; that cost per
 * edit (and the garbage it leaves) is what bench/BENCHMARKS.md measured. Here a statement is
 * written once, sent as a named statement (PostgreSQL parses and plans it once per connection)
 * and its rows are hydrated with the driver's own per-column conversion, so the values are the
 * same as TypeORM's.
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Column types whose JSON (row_to_json) hydrates to what the driver gives for the column's text:
 * not int8 or numeric (the driver gives strings, JSON numbers), not arrays or enums.
 */
const JSON_SAFE_TYPES = new Set(['uuid', 'text', 'varchar', 'int', 'integer', 'boolean', 'jsonb', 'json', 'date', 'timestamptz']);

/** A statement with a stable name: PostgreSQL keeps its plan per connection. */
export interface Statement {
  name: string;
  text: string;
}

const named = new Map<string, Statement>();

/** The named statement for this text; one name per distinct text in the process. */
export function sql(text: string): Statement {
  let statement = named.get(text);
  if (!statement) {
    statement = { name: `fp_${named.size}`, text };
    named.set(text, statement);
  }
  return statement;
}

/**
 * Runs a named statement on the manager's connection: the transaction's own client inside
 * `DataSource.transaction`, else a pooled one. Errors are pg's (with `code`), not TypeORM's.
 */
export async function run<R extends QueryResultRow = QueryResultRow>(
  manager: EntityManager,
  statement: Statement,
  values: unknown[],
): Promise<R[]> {
  const client: PoolClient | Pool = manager.queryRunner
    ? ((await (manager.queryRunner as PostgresQueryRunner).connect()) as PoolClient)
    : ((manager.connection.driver as PostgresDriver).master as Pool);
  const result = await client.query<R>({ name: statement.name, text: statement.text, values });
  return result.rows;
}

/**
 * An entity's columns, for writing SQL by hand that reads and writes exactly what the entity maps:
 * a select list under a prefix, hydration from such a row, and per-column values for parameters.
 */
export class EntityColumns<T extends ObjectLiteral> {
  readonly table: string;
  private readonly columns: ColumnMetadata[];
  private readonly byProperty: Map<string, ColumnMetadata>;
  private readonly driver: PostgresDriver;
  private readonly create: () => T;
  /** Result keys per prefix (`prefix.property`), built once. */
  private readonly keys = new Map<string, string[]>();

  /** `only`: these properties (the primary key among them), for a narrow read; else every column. */
  constructor(db: DataSource, target: EntityTarget<T>, only?: readonly (keyof T & string)[]) {
    const metadata = db.getMetadata(target);
    this.table = metadata.tableName;
    this.columns = only ? metadata.columns.filter((c) => only.includes(c.propertyName as keyof T & string)) : metadata.columns;
    if (only && (this.columns.length !== only.length || !this.columns.some((c) => c.isPrimary)))
      throw new Error(`${this.table}: a narrow read names mapped properties, the primary key among them`);
    this.byProperty = new Map(metadata.columns.map((c) => [c.propertyName, c]));
    this.driver = db.driver as PostgresDriver;
    this.create = () => metadata.create() as T;
  }

  /** `alias.col AS "prefix.property", …` for every column. */
  select(alias: string, prefix = alias): string {
    return this.columns.map((c) => `${alias}.${c.databaseName} AS "${prefix}.${c.propertyName}"`).join(', ');
  }

  /** The entity from a row selected with `select(_, prefix)`; null when its primary key is null (outer join). */
  hydrate(row: Record<string, unknown>, prefix: string): T | null {
    const entity = this.create();
    let seen = false;
    let keys = this.keys.get(prefix);
    if (!keys) this.keys.set(prefix, (keys = this.columns.map((c) => `${prefix}.${c.propertyName}`)));
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i];
      const value = row[keys[i]];
      if (c.isPrimary && value != null) seen = true;
      (entity as Record<string, unknown>)[c.propertyName] = this.driver.prepareHydratedValue(value, c);
    }
    return seen ? entity : null;
  }

  /**
   * The entity from a row as PostgreSQL's `row_to_json` writes it (keys are column names): the same
   * per-column conversion as `hydrate` (a timestamp's ISO text becomes a Date, a date stays
   * 'YYYY-MM-DD', jsonb is already parsed). Only for column types whose JSON is their value:
   * `PlanRowsJson` refuses the others when it is built.
   */
  fromJson(json: Record<string, unknown>): T {
    const entity = this.create();
    for (const c of this.columns) {
      (entity as Record<string, unknown>)[c.propertyName] = this.driver.prepareHydratedValue(json[c.databaseName], c);
    }
    return entity;
  }

  /** Column types whose `row_to_json` value hydrates as the driver's own would (see `fromJson`). */
  jsonSafe(): boolean {
    return this.columns.every((c) => typeof c.type === 'string' && JSON_SAFE_TYPES.has(c.type) && !c.isArray && !c.transformer);
  }

  /**
   * The database column of a property whose value PostgreSQL's JSON writes exactly as the wire
   * format carries it (see `PlanViewsJson`): not a timestamp (its JSON text is not ISO 8601 in
   * UTC as `toISOString` writes it), not int8 or numeric, not arrays, enums or transformed values.
   */
  viewColumn(property: string): string {
    const c = this.byProperty.get(property);
    if (!c) throw new Error(`${this.table} has no column for property ${property}`);
    if (typeof c.type !== 'string' || !JSON_SAFE_TYPES.has(c.type) || c.type === 'timestamptz' || c.isArray || c.transformer)
      throw new Error(`${this.table}.${c.databaseName} (${String(c.type)}) is not carried by JSON as the wire format writes it`);
    return c.databaseName;
  }

  /** The database column of a property; throws for a property the entity does not map. */
  column(property: string): string {
    const c = this.byProperty.get(property);
    if (!c) throw new Error(`${this.table} has no column for property ${property}`);
    return c.databaseName;
  }

  /** A property's value as a parameter (dates, json as TypeORM writes them). */
  param(property: string, value: unknown): unknown {
    const c = this.byProperty.get(property);
    if (!c) throw new Error(`${this.table} has no column for property ${property}`);
    return this.driver.preparePersistentValue(value, c);
  }
}

/**
 * A write of plan content as a part of a larger statement: `text(first, guard)` is the SQL with
 * its parameters numbered from `$first` (and `guard`, SQL that must also hold for the row to be
 * written, ANDed to its condition), `params` their values in order; `key` names the shape (the
 * same key, the same text), so that statements built from it can be prepared once.
 */
export interface ContentWrite {
  key: string;
  text(first: number, guard?: string): string;
  params: unknown[];
}

/**
 * A read of one row of plan content as a part of a larger statement: `select` are its select
 * items, `join(first)` a LEFT JOIN whose parameters are numbered from `$first` (`params` in order),
 * both under the alias `c`; `key` names the shape, `hydrate` reads the row back (null: none).
 */
export interface ContentRead<T> {
  key: string;
  select: string;
  join(first: number): string;
  params: unknown[];
  hydrate(row: Record<string, unknown>): T | null;
}

/**
 * Reads and updates one kind of plan content (goals, tasks, …) by id within its plan, with
 * statements prepared per shape: reading a row that is not deleted, and updating the given
 * properties of a row.
 */
export class PlanContentRows<T extends ObjectLiteral> {
  private readonly cols: EntityColumns<T>;
  private readonly findStatement: Statement;
  private readonly positionsStatement: Statement;
  private readonly updates = new Map<string, Statement>();
  private readonly liveSelect: string;

  constructor(db: DataSource, target: EntityTarget<T>) {
    this.cols = new EntityColumns(db, target);
    const t = this.cols.table;
    this.liveSelect = this.cols.select('c');
    this.findStatement = sql(`SELECT ${this.cols.select('r')} FROM ${t} r WHERE r.id = $1 AND r.plan_id = $2 AND r.deleted_at IS NULL`);
    this.positionsStatement = sql(
      `UPDATE ${t} r SET position = o.n - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS o (id, n) WHERE r.id = o.id AND r.plan_id = $1`,
    );
  }

  /**
   * Gives the rows their order: `ids[i]` gets position i. One statement: several statements at
   * once on a transaction's one connection would queue behind each other (pg warns, and pg 9
   * refuses).
   */
  async setPositions(tx: EntityManager, planId: string, ids: string[]): Promise<void> {
    await run(tx, this.positionsStatement, [planId, ids]);
  }

  /** The row if it exists in this plan and is not deleted. */
  async findLive(tx: EntityManager, planId: string, id: string): Promise<T | null> {
    const [row] = await run(tx, this.findStatement, [id, planId]);
    return row ? this.cols.hydrate(row, 'r') : null;
  }

  /** `findLive` as a part of another statement (PlanWriter reads it with the membership after the lock). */
  readLive(planId: string, id: string): ContentRead<T> {
    const t = this.cols.table;
    return {
      key: t,
      select: this.liveSelect,
      join: (first) => `LEFT JOIN ${t} c ON c.id = $${first} AND c.plan_id = $${first + 1} AND c.deleted_at IS NULL`,
      params: [id, planId],
      hydrate: (row) => this.cols.hydrate(row, 'c'),
    };
  }

  /** Sets the given properties of the row with this id. */
  async update(tx: EntityManager, id: string, values: Partial<T>): Promise<void> {
    const write = this.updateLater(id, values);
    if (!write) return;
    let statement = this.updates.get(write.key);
    if (!statement) this.updates.set(write.key, (statement = sql(write.text(1))));
    await run(tx, statement, write.params);
  }

  /**
   * The same update as a statement part for the write path to send together with the revision,
   * the event and the audit entry (PlanWriter: one round trip fewer per edit); null when there is
   * nothing to set.
   */
  updateLater(id: string, values: Partial<T>): ContentWrite | null {
    const properties = Object.keys(values).sort();
    if (!properties.length) return null;
    const table = this.cols.table;
    const columns = properties.map((p) => this.cols.column(p));
    return {
      key: `${table}:${properties.join(',')}`,
      text: (first, guard) =>
        `UPDATE ${table} SET ${columns.map((c, i) => `${c} = $${first + i + 1}`).join(', ')} WHERE id = $${first}${guard ? ` AND ${guard}` : ''}`,
      params: [id, ...properties.map((p) => this.cols.param(p, (values as Record<string, unknown>)[p]))],
    };
  }
}

/**
 * All of a plan's rows of one kind (members, goals, …) in a fixed order as one JSON array: a
 * select item (a correlated subquery over the plan `p`) for a statement that reads a whole plan
 * in one round trip, and its hydration. `filter` and `order` are SQL over the alias `r`.
 */
export class PlanRowsJson<T extends ObjectLiteral> {
  private readonly cols: EntityColumns<T>;
  private readonly subquery: string;

  constructor(db: DataSource, target: EntityTarget<T>, filter: string, order: string) {
    this.cols = new EntityColumns(db, target);
    if (!this.cols.jsonSafe()) throw new Error(`${this.cols.table} has a column type that JSON does not carry as the driver reads it`);
    this.subquery = `(SELECT coalesce(json_agg(r ORDER BY ${order}), '[]'::json) FROM ${this.cols.table} r WHERE r.plan_id = p.id AND (${filter}))`;
  }

  /** `… AS "name"`; where `guard` (SQL) is given, the rows are read only when it holds (else NULL). */
  column(name: string, guard?: string): string {
    return `${guard ? `CASE WHEN ${guard} THEN ${this.subquery} END` : this.subquery} AS "${name}"`;
  }

  hydrate(value: unknown): T[] {
    return Array.isArray(value) ? value.map((row: Record<string, unknown>) => this.cols.fromJson(row)) : [];
  }
}

/**
 * All of a plan's rows of one kind **in their wire shape** (`fields`: each key of the view and the
 * entity property it is), from one JSON array of arrays that PostgreSQL builds: a plan load parses
 * it once and neither hydrates entities nor maps them to views. Arrays rather than objects: for
 * 200 tasks `json_build_object` cost PostgreSQL 2.0 ms and `json_build_array` 1.2 ms, and the text
 * is shorter. For the large lists (goals, tasks) of every plan load; `fields` is typed against the
 * view so that a field added to the view must be named here, and only properties that JSON
 * carries exactly as the view writes them are allowed (`viewColumn`). plans.e2e-spec checks the
 * result against the stored rows.
 */
export class PlanViewsJson<T extends ObjectLiteral, V> {
  private readonly subquery: string;
  private readonly keys: string[];

  constructor(db: DataSource, target: EntityTarget<T>, fields: { [K in keyof V]-?: keyof T & string }, filter: string, order: string) {
    const cols = new EntityColumns(db, target);
    const entries = Object.entries(fields as Record<string, string>);
    this.keys = entries.map(([key]) => key);
    const values = entries.map(([, property]) => `r.${cols.viewColumn(property)}`).join(', ');
    this.subquery = `(SELECT coalesce(json_agg(json_build_array(${values}) ORDER BY ${order}), '[]'::json) FROM ${cols.table} r WHERE r.plan_id = p.id AND (${filter}))`;
  }

  /** `… AS "name"`; where `guard` (SQL) is given, the rows are read only when it holds (else NULL). */
  column(name: string, guard?: string): string {
    return `${guard ? `CASE WHEN ${guard} THEN ${this.subquery} END` : this.subquery} AS "${name}"`;
  }

  /** The views from the column's value (pg parses json): each array's values under the view's keys, in order. */
  views(value: unknown): V[] {
    if (!Array.isArray(value)) return [];
    const keys = this.keys;
    return value.map((row: unknown[]) => {
      const view: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) view[keys[i]] = row[i];
      return view as V;
    });
  }
}
