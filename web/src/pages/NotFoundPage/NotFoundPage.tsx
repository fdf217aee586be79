import { Link, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import AuthLayout from 'src/layouts/AuthLayout'

const NotFoundPage = () => (
  <AuthLayout>
    <Metadata title="Page not found" />
    <div className="card">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. It may have been mistyped, or the page
        has moved.
      </p>
      <Link to={routes.send()}>Go to the send page</Link>
    </div>
  </AuthLayout>
)

export default NotFoundPage
