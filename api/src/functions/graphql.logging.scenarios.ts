import { standard as mmsStandard } from 'src/services/mms/mms.scenarios'

export {
  ALICE_KEY_SECRET,
  type StandardScenario,
} from 'src/services/mms/mms.scenarios'

export const standard = mmsStandard
