export { standard, type StandardScenario } from './mms.scenarios'
