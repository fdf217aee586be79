import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import {
  derivePostgresSchema,
  emptyModel,
  paths,
  stalePostgresFiles,
  translateMigration,
} from '../../../scripts/derivePostgres'

import { createDriverAdapter, databaseProvider, databaseUrl } from './dbAdapter'

const root = path.resolve(__dirname, '../../..')
const provider = databaseProvider(databaseUrl())

/**
 * Runs the Prisma CLI on `url` (prisma.config.ts picks the schema and
 * migrations by its scheme) until it prints `done`. After reporting success
 * the CLI can stay alive for up to a minute, on a timer of Prisma's Wasm
 * schema engine or the pg pool's idle connections; by then its work is
 * committed, so it is ended there.
 */
const prisma = (url: string, done: RegExp, ...args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(
      path.join(root, 'node_modules', '.bin', 'prisma'),
      args,
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    )
    let output = ''
    const read = (chunk: Buffer) => {
      output += chunk
      if (done.test(output)) {
        child.kill()
        resolve()
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('exit', (code) =>
      done.test(output)
        ? resolve()
        : reject(new Error(`prisma ${args.join(' ')} (${code}):\n${output}`))
    )
  })

const migrate = (url: string) =>
  prisma(
    url,
    /All migrations have been successfully applied/,
    'migrate',
    'deploy'
  )
// --skip-generate: the generated client is shared by everything else running.
const push = (url: string) =>
  prisma(url, /Your database is now in sync/, 'db', 'push', '--skip-generate')

describe('the PostgreSQL schema and migrations', () => {
  it('are what scripts/derivePostgres.ts derives from the SQLite ones', () => {
    expect(stalePostgresFiles()).toEqual([])
  })

  it('differ from the SQLite schema in the provider only', () => {
    const source = fs.readFileSync(paths.sqliteSchema, 'utf8')
    const derived = derivePostgresSchema(source)
    const body = derived.split('\n').filter((line) => !line.startsWith('//'))
    const sourceBody = source
      .split('\n')
      .filter((line) => !line.startsWith('//'))
    expect(body).toHaveLength(sourceBody.length)
    expect(
      body.filter((line, i) => line !== sourceBody[i]).map((l) => l.trim())
    ).toEqual(['provider = "postgresql"'])
  })
})

describe('translating a SQLite migration', () => {
  const base = `
CREATE TABLE "Thing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL DEFAULT 'NEW',
    "ownerId" INTEGER,
    CONSTRAINT "Thing_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE TABLE "Owner" ("id" TEXT NOT NULL PRIMARY KEY);
CREATE INDEX "Thing_state_idx" ON "Thing"("state");
`
  const modelAfterBase = () => {
    const model = emptyModel()
    translateMigration(base, model)
    return model
  }

  it('creates tables with PostgreSQL types and adds foreign keys once all tables exist', () => {
    const sql = translateMigration(base, emptyModel())
    expect(sql).toContain('"id" SERIAL NOT NULL,')
    expect(sql).toContain(`"state" TEXT NOT NULL DEFAULT 'NEW',`)
    expect(sql).toContain('CONSTRAINT "Thing_pkey" PRIMARY KEY ("id")')
    expect(sql.indexOf('ADD CONSTRAINT "Thing_ownerId_fkey"')).toBeGreaterThan(
      sql.indexOf('CREATE TABLE "Owner"')
    )
  })

  it('turns a table rebuild into the ALTER TABLEs it amounts to', () => {
    const rebuild = `
-- The default changes.
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Thing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL DEFAULT 'READY',
    "ownerId" INTEGER,
    "seenAt" DATETIME,
    CONSTRAINT "Thing_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Thing" ("id", "state", "ownerId") SELECT "id", "state", "ownerId" FROM "Thing";
DROP TABLE "Thing";
ALTER TABLE "new_Thing" RENAME TO "Thing";
CREATE INDEX "Thing_ownerId_idx" ON "Thing"("ownerId");
PRAGMA foreign_keys=ON;
`
    expect(translateMigration(rebuild, modelAfterBase())).toBe(
      [
        '-- The default changes.',
        'ALTER TABLE "Thing" DROP CONSTRAINT "Thing_ownerId_fkey";',
        'ALTER TABLE "Thing" ALTER COLUMN "state" SET DEFAULT \'READY\';',
        'ALTER TABLE "Thing" ADD COLUMN "seenAt" TIMESTAMP(3);',
        'ALTER TABLE "Thing" ADD CONSTRAINT "Thing_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner"("id") ON DELETE CASCADE ON UPDATE CASCADE;',
        '',
        'CREATE INDEX "Thing_ownerId_idx" ON "Thing"("ownerId");',
        '',
        // SQLite dropped it with the old table; PostgreSQL kept it.
        'DROP INDEX "Thing_state_idx";',
        '',
      ].join('\n')
    )
  })

  it('refuses a rebuild that transforms the rows it copies', () => {
    const rebuild = `
CREATE TABLE "new_Thing" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "state" TEXT NOT NULL);
INSERT INTO "new_Thing" ("id", "state") SELECT "id", upper("state") FROM "Thing";
DROP TABLE "Thing";
ALTER TABLE "new_Thing" RENAME TO "Thing";
`
    expect(() => translateMigration(rebuild, modelAfterBase())).toThrow(
      /Only a plain copy of the same columns can be translated/
    )
  })

  it('refuses a statement it does not know, naming it', () => {
    expect(() =>
      translateMigration('CREATE VIEW "V" AS SELECT 1;', modelAfterBase())
    ).toThrow('No PostgreSQL translation for: CREATE VIEW "V" AS SELECT 1')
  })

  it('keeps a semicolon inside a comment or a string out of the statement split', () => {
    const sql = translateMigration(
      `-- one; two\nUPDATE "Thing" SET "state" = 'a;b';`,
      modelAfterBase()
    )
    expect(sql).toBe(`-- one; two\nUPDATE "Thing" SET "state" = 'a;b';\n`)
  })
})

type Catalog = Record<string, unknown[]>

const sqliteCatalog = async (url: string): Promise<Catalog> => {
  const adapter = await createDriverAdapter(url).connect()
  const rows = async (sql: string) => {
    const result = await adapter.queryRaw({ sql, args: [], argTypes: [] })
    return result.rows.map((row) =>
      Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]]))
    )
  }
  try {
    const tables = await rows(
      `SELECT name, sql LIKE '%AUTOINCREMENT%' AS "autoincrement" FROM sqlite_master
       WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'
       ORDER BY name`
    )
    const catalog: Catalog = { tables }
    for (const { name } of tables) {
      catalog[`${name} columns`] = await rows(
        `SELECT name, type, "notnull", dflt_value AS "default", pk FROM pragma_table_info('${name}') ORDER BY name`
      )
      catalog[`${name} indexes`] = await rows(
        `SELECT il.name, il."unique", il.origin,
           (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) AS columns
         FROM pragma_index_list('${name}') il ORDER BY il.name`
      )
      catalog[`${name} foreign keys`] = await rows(
        `SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list('${name}') ORDER BY "from"`
      )
    }
    return catalog
  } finally {
    await adapter.dispose()
  }
}

const postgresCatalog = async (url: string): Promise<Catalog> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const rows = async (sql: string) => (await client.query(sql)).rows
  try {
    return {
      columns: await rows(
        `SELECT table_name::text AS "table", column_name::text AS "column",
           data_type::text AS "type", udt_name::text AS "udt",
           character_maximum_length AS "length", numeric_precision AS "precision",
           numeric_scale AS "scale", datetime_precision AS "datetimePrecision",
           is_nullable::text AS "nullable", column_default::text AS "default"
         FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
         ORDER BY 1, 2`
      ),
      indexes: await rows(
        `SELECT tablename::text, indexname::text, indexdef FROM pg_indexes
         WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
         ORDER BY 1, 2`
      ),
      constraints: await rows(
        `SELECT c.relname::text AS table, con.conname::text, pg_get_constraintdef(con.oid) AS definition
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relname <> '_prisma_migrations'
         ORDER BY 1, 2`
      ),
      sequences: await rows(
        `SELECT sequence_name::text, data_type::text FROM information_schema.sequences
         WHERE sequence_schema = current_schema() ORDER BY 1`
      ),
    }
  } finally {
    await client.end()
  }
}

// Each runs once per `npm test`: SQLite's in the run on SQLite, PostgreSQL's
// in the run on PostgreSQL, which has a server to create databases on.
const onSqlite = provider === 'sqlite' ? describe : describe.skip
const onPostgres = provider === 'postgresql' ? describe : describe.skip

onSqlite('the SQLite migrations', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mms-schema-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('give the same tables, columns, types, defaults, indexes and keys as db push of the schema', async () => {
    const migrated = `file:${path.join(dir, 'migrated.db')}`
    const pushed = `file:${path.join(dir, 'pushed.db')}`
    await Promise.all([migrate(migrated), push(pushed)])

    const catalog = await sqliteCatalog(migrated)
    expect(catalog['MmsMessage columns']).toContainEqual(
      expect.objectContaining({ name: 'status', default: "'QUEUED'" })
    )
    expect(catalog).toEqual(await sqliteCatalog(pushed))
  }, 120_000)
})

onPostgres('the PostgreSQL migrations', () => {
  const names = {
    migrated: `mms_drift_${process.pid}_migrated`,
    pushed: `mms_drift_${process.pid}_pushed`,
  }
  const urlOf = (name: string) => {
    const url = new URL(databaseUrl())
    url.pathname = `/${name}`
    return url.toString()
  }
  const onServer = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl() })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }

  beforeAll(async () => {
    for (const name of Object.values(names)) {
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await onServer(`CREATE DATABASE "${name}"`)
    }
  })
  afterAll(async () => {
    for (const name of Object.values(names)) {
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    }
  })

  it('give the same tables, columns, types, defaults, indexes and keys as db push of the derived schema', async () => {
    await Promise.all([
      migrate(urlOf(names.migrated)),
      push(urlOf(names.pushed)),
    ])

    const catalog = await postgresCatalog(urlOf(names.migrated))
    expect(catalog.columns).toContainEqual(
      expect.objectContaining({
        table: 'MmsMessage',
        column: 'status',
        default: "'QUEUED'::text",
      })
    )
    expect(catalog).toEqual(await postgresCatalog(urlOf(names.pushed)))
  }, 120_000)
})
