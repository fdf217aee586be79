import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(__dirname, '../../../..')

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

export interface SandboxProcess {
  pinpointEndpoint: string
  s3Endpoint: string
  bucket: string
  /** Calls the sandbox's control API. */
  control: <T = unknown>(
    method: string,
    route: string,
    body?: unknown
  ) => Promise<T>
  stop: () => Promise<void>
}

/**
 * Runs the local Pinpoint sandbox and S3 as their own process, exactly as
 * `npm start` does, on free ports and a throw-away data folder.
 */
export const startSandboxProcess = async ({
  bucket,
  originationIdentity,
  messagesPerSecond = 3,
}: {
  bucket: string
  originationIdentity: string
  messagesPerSecond?: number
}): Promise<SandboxProcess> => {
  const [pinpointPort, s3Port] = [await freePort(), await freePort()]
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mms-sandbox-'))
  const child = spawn(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    [path.join(root, 'packages', 'pinpoint-sandbox', 'src', 'cli.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        SANDBOX_PINPOINT_PORT: String(pinpointPort),
        SANDBOX_S3_PORT: String(s3Port),
        SANDBOX_S3_DIR: dataDir,
        // Its mail catcher is not used here: any free ports, never 1025/8025.
        SANDBOX_SMTP_PORT: '0',
        SANDBOX_MAIL_PORT: '0',
        S3_MMS_BUCKET_NAME: bucket,
        PINPOINT_ORIGINATION_NUMBER: originationIdentity,
        SANDBOX_MPS: String(messagesPerSecond),
        SANDBOX_FAULT_SEED: '1',
        SANDBOX_LOG: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))

  const pinpointEndpoint = `http://127.0.0.1:${pinpointPort}`
  const control = async <T>(
    method: string,
    route: string,
    body?: unknown
  ): Promise<T> => {
    const response = await fetch(`${pinpointEndpoint}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) {
      throw new Error(
        `${method} ${route}: ${response.status} ${await response.text()}`
      )
    }
    return (await response.json()) as T
  }

  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The sandbox exited during start-up:\n${output}`)
    }
    if (/is running/.test(output)) {
      break
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`The sandbox did not start within 30 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }

  return {
    pinpointEndpoint,
    s3Endpoint: `http://127.0.0.1:${s3Port}`,
    bucket,
    control,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
