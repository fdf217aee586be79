import type { MmsStatus } from 'types/graphql'

import { STATUS_LABELS } from 'src/lib/messageStatus'

const StatusBadge = ({ status }: { status: MmsStatus }) => (
  <span className={`status-badge status-badge--${status.toLowerCase()}`}>
    {STATUS_LABELS[status]}
  </span>
)

export default StatusBadge
