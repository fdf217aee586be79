/**
 * Every benchmark, one after the other, each with the api built once before
 * them; prints each one's figures as it ends and a summary of all at the end.
 * Each starts its own api, sandbox and database on free ports.
 *
 *   yarn bench [--only send,api-key,history,presign,memory,burst,login-flood]
 *     (or: node_modules/.bin/tsx bench/all.ts ...)
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { buildApi, machine, root } from './support'

const BENCHMARKS = [
  'send',
  'api-key',
  'history',
  'presign',
  'memory',
  'burst',
  'login-flood',
] as const

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: BENCHMARKS.join(',') },
    'no-build': { type: 'boolean', default: false },
  },
})
const chosen = values.only.split(',').map((name) => name.trim())
for (const name of chosen) {
  if (!(BENCHMARKS as readonly string[]).includes(name)) {
    throw new Error(`--only: no benchmark "${name}" (${BENCHMARKS.join(', ')})`)
  }
}

const run = (name: string, env: NodeJS.ProcessEnv) =>
  new Promise<number>((resolve) => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      [`bench/${name}.ts`, '--no-build'],
      { cwd: root, env, stdio: 'inherit' }
    )
    child.on('exit', (code) => resolve(code ?? 1))
  })

const main = async () => {
  const started = Date.now()
  console.info(machine())
  if (!values['no-build']) {
    console.info('Building the api (yarn rw build api)…')
    buildApi()
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mms-bench-summary-'))
  const summaryFile = path.join(dir, 'summary.txt')
  const failed: string[] = []
  try {
    for (const name of chosen) {
      console.info(`\n=== ${name} ===`)
      const code = await run(name, {
        ...process.env,
        BENCH_SUMMARY_FILE: summaryFile,
      })
      if (code !== 0) failed.push(name)
    }
    let summary = ''
    try {
      summary = readFileSync(summaryFile, 'utf8')
    } catch {
      // no benchmark got as far as its figures
    }
    console.info(
      [
        '',
        `=== Summary (${((Date.now() - started) / 60_000).toFixed(1)} min) ===`,
        machine(),
        summary.trimEnd(),
        ...(failed.length ? [`Failed: ${failed.join(', ')}`] : []),
      ].join('\n')
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  process.exitCode = failed.length ? 1 : 0
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
