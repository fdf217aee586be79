import dns from 'dns'

import type { UserConfig } from 'vite'
import { defineConfig } from 'vite'

import redwood from '@redwoodjs/vite'

// So that Vite will load on localhost instead of `127.0.0.1`.
// See: https://vitejs.dev/config/server-options.html#server-host.
dns.setDefaultResultOrder('verbatim')

const viteConfig: UserConfig = {
  plugins: [redwood()],
  // Prepared when the dev server starts, not when the GraphiQL page first
  // asks for it (which reloads the page while Vite prepares it).
  optimizeDeps: { include: ['graphiql'] },
}

export default defineConfig(viteConfig)
