import type { MmsStatus } from 'types/graphql'

import {
  MESSAGE_STATUS,
  MESSAGE_STATUSES,
  isMessageStatus,
} from 'src/lib/messageStatus'

interface StatusFilterProps {
  value?: MmsStatus
  onChange: (status: MmsStatus | undefined) => void
}

const StatusFilter = ({ value, onChange }: StatusFilterProps) => (
  <div className="form-field">
    <label htmlFor="status-filter" className="form-field__label">
      Status
    </label>
    <select
      id="status-filter"
      className="input"
      value={value ?? ''}
      onChange={(event) =>
        onChange(
          isMessageStatus(event.target.value) ? event.target.value : undefined
        )
      }
    >
      <option value="">All statuses</option>
      {MESSAGE_STATUSES.map((status) => (
        <option key={status} value={status}>
          {MESSAGE_STATUS[status].label}
        </option>
      ))}
    </select>
  </div>
)

export default StatusFilter
