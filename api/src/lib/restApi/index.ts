export { configureRestApiServer } from './apiServer'
export { callerOf } from './bearerAuth'
export { toRestError } from './errorMapping'
export { headerOf, jsonResult, type RestEvent, type RestResult } from './http'
export { openApiDocument, type OpenApiDocument } from './openApi'
export {
  messageView,
  sendAnswer,
  SEND_ANSWER_STATUS,
  type MessageView,
} from './responses'
export { REST_ERROR_STATUS, RestError, type RestErrorCode } from './restError'
export { restFunction, type RestRoute } from './restFunction'
export {
  inCallersTerms,
  parseSendMmsBody,
  SEND_MMS_FIELDS,
} from './sendMmsBody'
