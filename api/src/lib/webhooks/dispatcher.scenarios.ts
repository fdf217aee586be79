// The dispatcher delivers the messages and endpoints of the enqueue tests.
export { standard } from './enqueue.scenarios'
export type { StandardScenario } from './enqueue.scenarios'
