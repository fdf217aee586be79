export {
  KEYS,
  standard,
  type StandardScenario,
} from '../send-mms/send-mms.scenarios'
