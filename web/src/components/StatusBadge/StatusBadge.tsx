import type { MmsStatus } from 'types/graphql'

import { MESSAGE_STATUS } from 'src/lib/messageStatus'

const StatusBadge = ({ status }: { status: MmsStatus }) => {
  const { label, tone } = MESSAGE_STATUS[status]
  return <span className={`status-badge status-badge--${tone}`}>{label}</span>
}

export default StatusBadge
