import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const apiDir = path.resolve(__dirname, '../../..')

export interface WorkerProcess {
  child: ChildProcess
  /** Everything the worker wrote so far (its log lines). */
  output: () => string
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * tsx 4.16.3 and later, with `allowJs` on (as in the api's tsconfig), resolve
 * `require('../metadata.max.json')` inside libphonenumber-js to its ESM
 * sibling `metadata.max.json.js`, and the rules then fail at start-up
 * (privatenumber/tsx#640). The worker runs with the api's tsconfig, its
 * `src/*` paths included, and only `allowJs` turned off.
 */
const writeTsconfig = (dir: string) => {
  const file = path.join(dir, 'tsconfig.json')
  writeFileSync(
    file,
    JSON.stringify({
      extends: path.join(apiDir, 'tsconfig.json'),
      compilerOptions: { allowJs: false },
    })
  )
  return file
}

/**
 * Runs api/src/worker.ts as a process of its own, as `node api/dist/worker.js`
 * runs in production, and resolves once it has started taking messages.
 * Node loads tsx itself (`--import tsx`): the tsx command would run the
 * worker as its own child, which a SIGKILL to the command leaves running.
 */
export const startWorkerProcess = async (
  env: Record<string, string>,
  { startTimeoutMs = 120_000 } = {}
): Promise<WorkerProcess> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mms-worker-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      // The test runner's NODE_ENV silences the logger; the log is the
      // worker's story when a test fails.
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      TSX_TSCONFIG_PATH: writeTsconfig(dir),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
  }>((resolve) =>
    child.once('exit', (code, signal) => {
      rmSync(dir, { recursive: true, force: true })
      resolve({ code, signal })
    })
  )

  const deadline = Date.now() + startTimeoutMs
  while (!/"msg":"Send worker started"/.test(output)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The worker exited during start-up:\n${output}`)
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(
        `The worker did not start within ${startTimeoutMs} ms:\n${output}`
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { child, output: () => output, exited }
}
