// Derives the PostgreSQL schema and migrations from the SQLite ones, which are
// the source of truth (api/db/schema.prisma and api/db/migrations):
//
//   node_modules/.bin/tsx scripts/derivePostgres.ts           writes api/db/postgres
//   node_modules/.bin/tsx scripts/derivePostgres.ts --check   fails if it is stale
//
// One Prisma schema cannot name two providers, so the PostgreSQL schema is the
// source with its provider changed. Each SQLite migration is translated
// statement by statement: tables, columns, indexes and foreign keys, SQLite's
// table rebuilds (turned into the ALTER TABLEs they amount to) and portable
// data statements. Anything else stops the script with the statement named;
// then write that PostgreSQL migration by hand, starting with HAND_WRITTEN,
// and this script keeps it.
import fs from 'node:fs'
import path from 'node:path'

export const HAND_WRITTEN = '-- PostgreSQL: written by hand'

const root = path.resolve(__dirname, '..')
export const paths = {
  sqliteSchema: path.join(root, 'api', 'db', 'schema.prisma'),
  sqliteMigrations: path.join(root, 'api', 'db', 'migrations'),
  postgresDir: path.join(root, 'api', 'db', 'postgres'),
  postgresSchema: path.join(root, 'api', 'db', 'postgres', 'schema.prisma'),
  postgresMigrations: path.join(root, 'api', 'db', 'postgres', 'migrations'),
}

const GENERATED = (source: string) =>
  `// Generated from ${source} by scripts/derivePostgres.ts: edit the source, then run\n` +
  '// `node_modules/.bin/tsx scripts/derivePostgres.ts`. Only the provider differs.\n'

/** The PostgreSQL schema: the SQLite schema with its datasource's provider changed. */
export const derivePostgresSchema = (sqliteSchema: string): string => {
  const provider = /^(\s*provider\s*=\s*)"sqlite"/m
  const datasource = sqliteSchema.match(/datasource\s+\w+\s*\{[^}]*\}/)
  if (!datasource || !provider.test(datasource[0])) {
    throw new Error(
      'api/db/schema.prisma has no datasource with provider "sqlite"'
    )
  }
  if (/@db\./.test(sqliteSchema)) {
    throw new Error(
      'api/db/schema.prisma uses a native type (@db.…), which belongs to one provider'
    )
  }
  return (
    GENERATED('api/db/schema.prisma') +
    sqliteSchema.replace(
      datasource[0],
      datasource[0].replace(provider, '$1"postgresql"')
    )
  )
}

// ---------------------------------------------------------------- SQL text

interface Statement {
  /** The comment lines just before the statement. */
  comments: string[]
  /** The statement without its final semicolon, on one line per source line. */
  sql: string
}

/** Splits a script into statements, minding quotes and `--` comments. */
export const splitStatements = (script: string): Statement[] => {
  const statements: Statement[] = []
  let comments: string[] = []
  let current = ''
  let quote: string | null = null
  for (let i = 0; i < script.length; i++) {
    const char = script[i]
    if (quote) {
      current += char
      if (char === quote) {
        quote = null
      }
    } else if (char === "'" || char === '"') {
      quote = char
      current += char
    } else if (char === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i)
      const comment = script.slice(i, end === -1 ? undefined : end).trimEnd()
      if (current.trim() === '') {
        comments.push(comment)
      } else {
        current += comment
      }
      i = end === -1 ? script.length : end - 1
    } else if (char === ';') {
      statements.push({ comments, sql: current.trim() })
      comments = []
      current = ''
    } else {
      current += char
    }
  }
  if (current.trim() !== '') {
    throw new Error(`A statement does not end with ";": ${current.trim()}`)
  }
  return statements
}

/** Splits on commas outside parentheses and quotes. */
const splitTopLevel = (text: string): string[] => {
  const parts: string[] = []
  let depth = 0
  let quote: string | null = null
  let current = ''
  for (const char of text) {
    if (quote) {
      if (char === quote) {
        quote = null
      }
    } else if (char === "'" || char === '"') {
      quote = char
    } else if (char === '(') {
      depth++
    } else if (char === ')') {
      depth--
    } else if (char === ',' && depth === 0) {
      parts.push(current.trim())
      current = ''
      continue
    }
    current += char
  }
  if (current.trim() !== '') {
    parts.push(current.trim())
  }
  return parts
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim()

const identifiers = (list: string): string[] =>
  splitTopLevel(list).map((item) => {
    const match = item.match(/^"([^"]+)"$/)
    if (!match) {
      throw new Error(`Expected a quoted name, got ${item}`)
    }
    return match[1]
  })

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ')

// ------------------------------------------------------------ schema model

interface Column {
  name: string
  /** The SQLite type as declared (upper case). */
  type: string
  notNull: boolean
  autoincrement: boolean
  default: string | null
}

interface ForeignKey {
  name: string
  columns: string[]
  table: string
  references: string[]
  onDelete: string
  onUpdate: string
}

interface Table {
  name: string
  columns: Column[]
  primaryKey: string[]
  foreignKeys: ForeignKey[]
}

interface Index {
  name: string
  table: string
  unique: boolean
  columns: string[]
}

interface Model {
  tables: Map<string, Table>
  indexes: Map<string, Index>
}

// Prisma's SQLite column types and what Prisma's PostgreSQL connector uses for
// the same scalar.
const POSTGRES_TYPES: Record<string, string> = {
  TEXT: 'TEXT',
  INTEGER: 'INTEGER',
  BIGINT: 'BIGINT',
  REAL: 'DOUBLE PRECISION',
  DECIMAL: 'DECIMAL(65,30)',
  BOOLEAN: 'BOOLEAN',
  DATETIME: 'TIMESTAMP(3)',
  BLOB: 'BYTEA',
}

const postgresType = (column: Column): string => {
  if (column.autoincrement) {
    if (column.type === 'INTEGER') return 'SERIAL'
    if (column.type === 'BIGINT') return 'BIGSERIAL'
  }
  const type = POSTGRES_TYPES[column.type]
  if (!type) {
    throw new Error(`No PostgreSQL type for SQLite type ${column.type}`)
  }
  return type
}

const postgresDefault = (value: string): string => {
  if (
    /^'([^']|'')*'$/.test(value) ||
    /^-?\d+(\.\d+)?$/.test(value) ||
    /^(true|false|CURRENT_TIMESTAMP)$/i.test(value)
  ) {
    return value
  }
  throw new Error(`No PostgreSQL translation for the default ${value}`)
}

const COLUMN =
  /^"([^"]+)" ([A-Za-z]+)( NOT NULL)?( PRIMARY KEY)?( AUTOINCREMENT)?(?: DEFAULT (.+))?$/

const parseColumn = (text: string): { column: Column; primaryKey: boolean } => {
  const match = oneLine(text).match(COLUMN)
  if (!match) {
    throw new Error(`Cannot read the column definition ${text}`)
  }
  const [, name, type, notNull, primaryKey, autoincrement, dflt] = match
  return {
    column: {
      name,
      type: type.toUpperCase(),
      notNull: Boolean(notNull) || Boolean(primaryKey),
      autoincrement: Boolean(autoincrement),
      default: dflt ?? null,
    },
    primaryKey: Boolean(primaryKey),
  }
}

const FOREIGN_KEY =
  /^CONSTRAINT "([^"]+)" FOREIGN KEY \(([^)]*)\) REFERENCES "([^"]+)" ?\(([^)]*)\) ON DELETE (CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION) ON UPDATE (CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION)$/

const PRIMARY_KEY = /^(?:CONSTRAINT "[^"]+" )?PRIMARY KEY \(([^)]*)\)$/

const parseCreateTable = (sql: string): Table => {
  const match = sql.match(/^CREATE TABLE "([^"]+)" \(([\s\S]*)\)$/)
  if (!match) {
    throw new Error(`Cannot read ${oneLine(sql)}`)
  }
  const table: Table = {
    name: match[1],
    columns: [],
    primaryKey: [],
    foreignKeys: [],
  }
  for (const item of splitTopLevel(match[2])) {
    const line = oneLine(item)
    const foreignKey = line.match(FOREIGN_KEY)
    const primaryKey = line.match(PRIMARY_KEY)
    if (foreignKey) {
      const [, name, columns, references, refColumns, onDelete, onUpdate] =
        foreignKey
      table.foreignKeys.push({
        name,
        columns: identifiers(columns),
        table: references,
        references: identifiers(refColumns),
        onDelete,
        onUpdate,
      })
    } else if (primaryKey) {
      table.primaryKey = identifiers(primaryKey[1])
    } else {
      const { column, primaryKey } = parseColumn(line)
      table.columns.push(column)
      if (primaryKey) {
        table.primaryKey = [column.name]
      }
    }
  }
  return table
}

const columnSql = (column: Column) =>
  [
    `"${column.name}" ${postgresType(column)}`,
    column.notNull ? 'NOT NULL' : '',
    column.default !== null ? `DEFAULT ${postgresDefault(column.default)}` : '',
  ]
    .filter(Boolean)
    .join(' ')

const createTableSql = (table: Table) => {
  const lines = table.columns.map((column) => `    ${columnSql(column)}`)
  if (table.primaryKey.length > 0) {
    lines.push(
      `    CONSTRAINT "${table.name}_pkey" PRIMARY KEY (${quoted(table.primaryKey)})`
    )
  }
  return `CREATE TABLE "${table.name}" (\n${lines.join(',\n')}\n)`
}

const addForeignKeySql = (table: string, key: ForeignKey) =>
  `ALTER TABLE "${table}" ADD CONSTRAINT "${key.name}" FOREIGN KEY (${quoted(key.columns)}) ` +
  `REFERENCES "${key.table}"(${quoted(key.references)}) ON DELETE ${key.onDelete} ON UPDATE ${key.onUpdate}`

const createIndexSql = (index: Index) =>
  `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX "${index.name}" ON "${index.table}"(${quoted(index.columns)})`

const sameColumnType = (a: Column, b: Column) =>
  postgresType(a) === postgresType(b)

const sameForeignKey = (a: ForeignKey, b: ForeignKey) =>
  JSON.stringify(a) === JSON.stringify(b)

const sameIndex = (a: Index, b: Index) =>
  JSON.stringify(a) === JSON.stringify(b)

/** The ALTER TABLE statements that turn `before` into `after` on PostgreSQL. */
const alterTableSql = (before: Table, after: Table): string[] => {
  if (JSON.stringify(before.primaryKey) !== JSON.stringify(after.primaryKey)) {
    throw new Error(`The primary key of ${after.name} changes`)
  }
  const table = `ALTER TABLE "${after.name}"`
  const out: string[] = []
  for (const key of before.foreignKeys) {
    if (!after.foreignKeys.some((other) => sameForeignKey(key, other))) {
      out.push(`${table} DROP CONSTRAINT "${key.name}"`)
    }
  }
  for (const column of before.columns) {
    if (!after.columns.some((other) => other.name === column.name)) {
      out.push(`${table} DROP COLUMN "${column.name}"`)
    }
  }
  for (const column of after.columns) {
    const old = before.columns.find((other) => other.name === column.name)
    if (!old) {
      out.push(`${table} ADD COLUMN ${columnSql(column)}`)
      continue
    }
    if (old.autoincrement !== column.autoincrement) {
      throw new Error(`${after.name}.${column.name} changes its autoincrement`)
    }
    const alter = `${table} ALTER COLUMN "${column.name}"`
    if (!sameColumnType(old, column)) {
      const type = postgresType(column)
      out.push(`${alter} SET DATA TYPE ${type} USING "${column.name}"::${type}`)
    }
    if (old.notNull !== column.notNull) {
      out.push(`${alter} ${column.notNull ? 'SET' : 'DROP'} NOT NULL`)
    }
    if (old.default !== column.default) {
      out.push(
        column.default === null
          ? `${alter} DROP DEFAULT`
          : `${alter} SET DEFAULT ${postgresDefault(column.default)}`
      )
    }
  }
  for (const key of after.foreignKeys) {
    if (!before.foreignKeys.some((other) => sameForeignKey(key, other))) {
      out.push(addForeignKeySql(after.name, key))
    }
  }
  return out
}

// ------------------------------------------------------------- translation

interface Rebuild {
  /** The table as it was before the rebuild began. */
  before: Table
  /** Its indexes then, which SQLite drops with the table and PostgreSQL keeps. */
  indexes: Index[]
  copied: boolean
  dropped: boolean
}

/**
 * Translates one SQLite migration into PostgreSQL, updating `model` (the
 * schema as the SQLite migrations so far leave it).
 */
export const translateMigration = (script: string, model: Model): string => {
  const out: string[] = []
  const foreignKeys: string[] = []
  const rebuilds = new Map<string, Rebuild>()
  /** Tables rebuilt in this migration, and their indexes created again. */
  const recreated = new Map<string, Index[]>()
  let comments: string[] = []

  const emit = (sql: string | string[]) => {
    const lines = Array.isArray(sql) ? sql : [sql]
    if (lines.length === 0) {
      return
    }
    out.push([...comments, ...lines.map((line) => `${line};`)].join('\n'))
    comments = []
  }
  const table = (name: string) => {
    const found = model.tables.get(name)
    if (!found) {
      throw new Error(`No table ${name}`)
    }
    return found
  }

  for (const { comments: before, sql: raw } of splitStatements(script)) {
    comments.push(...before)
    const sql = oneLine(raw)
    let match: RegExpMatchArray | null

    if (/^PRAGMA /i.test(sql)) {
      // SQLite's foreign key switches around a rebuild; nothing on PostgreSQL.
    } else if ((match = sql.match(/^CREATE TABLE "new_([^"]+)" \(/))) {
      const name = match[1]
      const before = table(name)
      rebuilds.set(name, {
        before,
        indexes: [...model.indexes.values()].filter((i) => i.table === name),
        copied: false,
        dropped: false,
      })
      model.tables.set(`new_${name}`, {
        ...parseCreateTable(raw.trim()),
        name: `new_${name}`,
      })
    } else if ((match = sql.match(/^CREATE TABLE "([^"]+)" \(/))) {
      const created = parseCreateTable(raw.trim())
      if (model.tables.has(created.name)) {
        throw new Error(`Table ${created.name} exists already`)
      }
      model.tables.set(created.name, created)
      emit(createTableSql(created))
      foreignKeys.push(
        ...created.foreignKeys.map((key) => addForeignKeySql(created.name, key))
      )
    } else if (
      (match = sql.match(
        /^INSERT INTO "new_([^"]+)" \(([^)]*)\) SELECT (.*) FROM "([^"]+)"$/
      ))
    ) {
      const [, name, into, selected, from] = match
      const rebuild = rebuilds.get(name)
      if (!rebuild || from !== name || oneLine(into) !== oneLine(selected)) {
        throw new Error(
          `Only a plain copy of the same columns can be translated: ${sql}`
        )
      }
      rebuild.copied = true
    } else if ((match = sql.match(/^DROP TABLE "([^"]+)"$/))) {
      const name = match[1]
      const rebuild = rebuilds.get(name)
      if (rebuild) {
        rebuild.dropped = true
      } else {
        table(name)
        emit(`DROP TABLE "${name}"`)
      }
      model.tables.delete(name)
      for (const index of [...model.indexes.values()]) {
        if (index.table === name) {
          model.indexes.delete(index.name)
        }
      }
    } else if (
      (match = sql.match(/^ALTER TABLE "new_([^"]+)" RENAME TO "([^"]+)"$/))
    ) {
      const [, name, target] = match
      const rebuild = rebuilds.get(name)
      if (!rebuild || target !== name || !rebuild.dropped) {
        throw new Error(`Not a table rebuild SQLite's way: ${sql}`)
      }
      const after = { ...table(`new_${name}`), name }
      model.tables.delete(`new_${name}`)
      model.tables.set(name, after)
      emit(alterTableSql(rebuild.before, after))
      recreated.set(name, [])
    } else if (
      (match = sql.match(
        /^CREATE (UNIQUE )?INDEX "([^"]+)" ON "([^"]+)" ?\(([^)]*)\)$/
      ))
    ) {
      const index: Index = {
        name: match[2],
        table: match[3],
        unique: Boolean(match[1]),
        columns: identifiers(match[4]),
      }
      table(index.table)
      if (model.indexes.has(index.name)) {
        throw new Error(`Index ${index.name} exists already`)
      }
      model.indexes.set(index.name, index)
      const rebuild = rebuilds.get(index.table)
      const kept = rebuild?.indexes.find((old) => old.name === index.name)
      recreated.get(index.table)?.push(index)
      if (kept && sameIndex(kept, index)) {
        // PostgreSQL kept it through the rebuild.
        emit([])
      } else if (kept) {
        emit([`DROP INDEX "${index.name}"`, createIndexSql(index)])
      } else {
        emit(createIndexSql(index))
      }
    } else if ((match = sql.match(/^DROP INDEX "([^"]+)"$/))) {
      if (!model.indexes.delete(match[1])) {
        throw new Error(`No index ${match[1]}`)
      }
      emit(sql)
    } else if ((match = sql.match(/^ALTER TABLE "([^"]+)" ADD COLUMN (.+)$/))) {
      const altered = table(match[1])
      const { column, primaryKey } = parseColumn(match[2])
      if (primaryKey) {
        throw new Error(`A primary key column cannot be added: ${sql}`)
      }
      altered.columns.push(column)
      emit(`ALTER TABLE "${altered.name}" ADD COLUMN ${columnSql(column)}`)
    } else if (
      (match = sql.match(/^ALTER TABLE "([^"]+)" DROP COLUMN "([^"]+)"$/))
    ) {
      const altered = table(match[1])
      altered.columns = altered.columns.filter((c) => c.name !== match![2])
      emit(sql)
    } else if (/^(UPDATE|INSERT INTO|DELETE FROM) "/i.test(sql)) {
      // Data statements are written in SQL both databases run the same way.
      emit(raw.trim())
    } else {
      throw new Error(`No PostgreSQL translation for: ${sql}`)
    }
  }

  for (const [name, rebuild] of rebuilds) {
    const indexes = recreated.get(name)
    if (!indexes || !rebuild.copied) {
      throw new Error(`The rebuild of ${name} is not complete`)
    }
    const gone = rebuild.indexes.filter(
      (old) => !indexes.some((index) => index.name === old.name)
    )
    emit(gone.map((index) => `DROP INDEX "${index.name}"`))
  }
  if (foreignKeys.length > 0) {
    comments.push('-- AddForeignKey')
    emit(foreignKeys)
  }
  if (comments.length > 0) {
    out.push(comments.join('\n'))
  }
  return out.join('\n\n') + '\n'
}

// ------------------------------------------------------------------ files

export const emptyModel = (): Model => ({
  tables: new Map(),
  indexes: new Map(),
})

const migrationHeader = (name: string) =>
  `-- Generated from api/db/migrations/${name}/migration.sql by\n` +
  '-- scripts/derivePostgres.ts: edit the SQLite migration, then run the script.\n\n'

/** Every file under api/db/postgres as it should be: path (relative to it) → content. */
export const derivePostgresFiles = (): Map<string, string> => {
  const files = new Map<string, string>()
  files.set(
    'schema.prisma',
    derivePostgresSchema(fs.readFileSync(paths.sqliteSchema, 'utf8'))
  )
  files.set(
    path.join('migrations', 'migration_lock.toml'),
    '# Please do not edit this file manually\n' +
      '# It should be added in your version-control system (e.g., Git)\n' +
      'provider = "postgresql"\n'
  )
  const model = emptyModel()
  const names = fs
    .readdirSync(paths.sqliteMigrations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  for (const name of names) {
    const target = path.join('migrations', name, 'migration.sql')
    const existing = path.join(paths.postgresDir, target)
    const script = fs.readFileSync(
      path.join(paths.sqliteMigrations, name, 'migration.sql'),
      'utf8'
    )
    const handWritten =
      fs.existsSync(existing) &&
      fs.readFileSync(existing, 'utf8').startsWith(HAND_WRITTEN)
    try {
      const translated = translateMigration(script, model)
      files.set(
        target,
        handWritten
          ? fs.readFileSync(existing, 'utf8')
          : migrationHeader(name) + translated
      )
    } catch (error) {
      if (!handWritten) {
        throw new Error(
          `api/db/migrations/${name}/migration.sql: ${(error as Error).message}. ` +
            `Write api/db/postgres/${target} by hand, starting with the line "${HAND_WRITTEN}".`
        )
      }
      files.set(target, fs.readFileSync(existing, 'utf8'))
    }
  }
  return files
}

/** The files under api/db/postgres that differ from what the source gives. */
export const stalePostgresFiles = (files = derivePostgresFiles()): string[] => {
  const stale = [...files]
    .filter(([file, content]) => {
      const full = path.join(paths.postgresDir, file)
      return !fs.existsSync(full) || fs.readFileSync(full, 'utf8') !== content
    })
    .map(([file]) => file)
  const migrationDirs = fs.existsSync(paths.postgresMigrations)
    ? fs
        .readdirSync(paths.postgresMigrations, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join('migrations', entry.name, 'migration.sql'))
    : []
  return [...stale, ...migrationDirs.filter((file) => !files.has(file))]
}

const main = () => {
  const files = derivePostgresFiles()
  if (process.argv.includes('--check')) {
    const stale = stalePostgresFiles(files)
    if (stale.length > 0) {
      console.error(
        `api/db/postgres is not derived from the SQLite schema and migrations: ${stale.join(', ')}.\n` +
          'Run `node_modules/.bin/tsx scripts/derivePostgres.ts`.'
      )
      process.exit(1)
    }
    return
  }
  for (const [file, content] of files) {
    const full = path.join(paths.postgresDir, file)
    fs.mkdirSync(path.dirname(full), { recursive: true })
    fs.writeFileSync(full, content)
  }
  for (const file of stalePostgresFiles(files)) {
    fs.rmSync(path.dirname(path.join(paths.postgresDir, file)), {
      recursive: true,
    })
  }
}

if (require.main === module) {
  main()
}
