import type { MessageCell_Find } from 'types/graphql'

import DateTime from 'src/components/DateTime'
import TableScroll from 'src/components/TableScroll'

type Attempt = NonNullable<MessageCell_Find['mmsMessage']>['attempts'][number]

const OUTCOME_LABELS: Record<string, string> = {
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
  RETRYABLE: 'Failed, retried',
  THROTTLED: 'Throttled, retried',
  NO_RESPONSE: 'No response',
}

/** Every HTTP request made to the provider for one message, in order. */
const MessageAttemptsTable = ({
  attempts,
}: {
  attempts: readonly Attempt[]
}) => {
  if (attempts.length === 0) {
    return (
      <p className="muted">No request has been made to the provider yet.</p>
    )
  }
  return (
    <TableScroll labelledBy="attempts-caption">
      <table className="table">
        <caption id="attempts-caption" className="sr-only">
          Requests to the provider
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Outcome</th>
            <th scope="col">HTTP status</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr key={attempt.number}>
              <th scope="row">{attempt.number}</th>
              <td>
                <DateTime iso={attempt.startedAt} precise />
              </td>
              <td>{attempt.durationMs} ms</td>
              <td>{OUTCOME_LABELS[attempt.outcome] ?? attempt.outcome}</td>
              <td>{attempt.httpStatus ?? '—'}</td>
              <td>
                {attempt.errorCode ? <code>{attempt.errorCode}</code> : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

export default MessageAttemptsTable
