import { ConfigError } from 'src/lib/config'
import { db } from 'src/lib/db'
import {
  createDeliveryEventsHandler,
  readDeliveryEventsConfig,
  type DeliveryEventsConfig,
} from 'src/lib/deliveryEvents'
import { logger } from 'src/lib/logger'

// Checked when the api starts, every problem listed, like the send path's.
const readConfig = (): DeliveryEventsConfig => {
  try {
    return readDeliveryEventsConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal(error.message)
    }
    throw error
  }
}

/**
 * POST /deliveryEvents: the HTTPS subscription of the SNS topic that the
 * configuration set's event destination publishes to (lib/deliveryEvents).
 */
export const handler = createDeliveryEventsHandler({
  config: readConfig(),
  db,
})
