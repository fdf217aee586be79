import { errorSummary, type RequestError } from 'src/lib/graphQLErrors'

interface CellFailureProps {
  /** What could not be done, e.g. "Your messages could not be loaded." */
  title: string
  error?: RequestError
  onRetry?: () => unknown
}

const CellFailure = ({ title, error, onRetry }: CellFailureProps) => {
  // A retry that fails again re-renders the cell's Failure with the new error.
  const retry = () => Promise.resolve(onRetry?.()).catch(() => undefined)

  return (
    <div role="alert" className="notice notice--error">
      <p className="notice__title">{title}</p>
      {error && <p>{errorSummary(error)}</p>}
      {onRetry && (
        <button
          type="button"
          className="button button--secondary"
          onClick={retry}
        >
          Try again
        </button>
      )}
    </div>
  )
}

export default CellFailure
