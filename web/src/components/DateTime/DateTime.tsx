import { formatDateTime } from 'src/lib/dates'

interface DateTimeProps {
  iso: string
  precise?: boolean
  className?: string
}

const DateTime = ({ iso, precise = false, className }: DateTimeProps) => (
  <time dateTime={iso} className={className}>
    {formatDateTime(iso, { precise })}
  </time>
)

export default DateTime
