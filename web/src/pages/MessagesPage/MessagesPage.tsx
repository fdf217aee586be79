import { Link, navigate, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import MessagesCell from 'src/components/MessagesCell'
import StatusFilter from 'src/components/StatusFilter'
import { isMessageStatus } from 'src/lib/messageStatus'

interface MessagesPageProps {
  /** From the URL (`/messages?status=FAILED`), so a filtered view can be shared. */
  status?: string
}

const MessagesPage = ({ status }: MessagesPageProps) => {
  const filter = isMessageStatus(status) ? status : undefined

  return (
    <>
      <Metadata title="History" />
      <div className="page-header">
        <h1>History</h1>
        <p>
          Your messages, newest first. Statuses update on their own while a
          message is on its way and for a few minutes after, as delivery is
          reported.
        </p>
      </div>
      <div className="list-toolbar">
        <StatusFilter
          value={filter}
          onChange={(next) =>
            navigate(
              next ? routes.messages({ status: next }) : routes.messages(),
              {
                replace: true,
              }
            )
          }
        />
        <Link to={routes.send()} className="button">
          Send an MMS
        </Link>
      </div>
      <MessagesCell status={filter} />
    </>
  )
}

export default MessagesPage
