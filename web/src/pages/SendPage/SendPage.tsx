import { Metadata } from '@redwoodjs/web'

import SendForm from 'src/components/SendForm'

const SendPage = () => (
  <>
    <Metadata title="Send" />
    <div className="page-header">
      <h1>Send an MMS</h1>
      <p>
        Send a picture, a short video or another file, with or without text, to
        a phone in the US or Canada.
      </p>
    </div>
    <SendForm />
  </>
)

export default SendPage
