/* eslint-disable jsx-a11y/no-noninteractive-tabindex -- a region that scrolls must be focusable, or a keyboard cannot scroll it */
import { forwardRef, type ReactNode } from 'react'

interface TableScrollProps {
  /** The id of the table's caption, which names the region. */
  labelledBy: string
  children: ReactNode
}

/** A wide table that scrolls sideways on a narrow screen. */
const TableScroll = forwardRef<HTMLDivElement, TableScrollProps>(
  function TableScroll({ labelledBy, children }, ref) {
    return (
      <div
        ref={ref}
        className="table-scroll"
        role="region"
        aria-labelledby={labelledBy}
        tabIndex={0}
      >
        {children}
      </div>
    )
  }
)

export default TableScroll
