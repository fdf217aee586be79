import { Link, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import MessageCell from 'src/components/MessageCell'

const MessagePage = ({ id }: { id: string }) => (
  <>
    <Metadata title="Message" />
    <div className="page-header">
      <p>
        <Link to={routes.messages()}>← All messages</Link>
      </p>
      <h1>Message details</h1>
    </div>
    <MessageCell id={id} />
  </>
)

export default MessagePage
