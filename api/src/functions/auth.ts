import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'

import { sendPasswordResetEmail } from 'src/lib/accountMail'
import { accountsConfig } from 'src/lib/accounts/accountsConfig'
import { clientAddress } from 'src/lib/accounts/clientAddress'
import { isEmailAddress, normaliseEmail } from 'src/lib/accounts/email'
import {
  INVITATION_UNUSABLE,
  findOpenInvitation,
} from 'src/lib/accounts/invitations'
import {
  clearAccountFailures,
  currentLoginLock,
  recordLoginFailure,
} from 'src/lib/accounts/loginThrottle'
import {
  PasswordHashingBusyError,
  hashPassword,
  passwordProblem,
  spendPasswordCheck,
  verifyPassword,
} from 'src/lib/accounts/passwords'
import {
  clearedSessionCookie,
  createSession,
  findActiveSession,
  revokeSessionByToken,
  revokeUserSessions,
  sessionCookie,
  sessionTokenFromCookieHeader,
} from 'src/lib/accounts/sessions'
import {
  invitationsRefusal,
  selfSignupRefusal,
} from 'src/lib/accounts/signupPolicy'
import {
  SECRET_TOKEN_PATTERN,
  hashSecretToken,
  newSecretToken,
} from 'src/lib/accounts/tokens'
import { db } from 'src/lib/db'
import { logger } from 'src/lib/logger'

/**
 * The endpoint behind Redwood's dbAuth web client (`useAuth()`): the same
 * methods and answers, with sessions kept on the server. dbAuth 8's own
 * handler keeps the session in an AES-CBC cookie with no MAC (its IV can be
 * edited to change the user id), hashes passwords synchronously on the event
 * loop, and reveals through forgot-password which addresses have accounts;
 * its web client needs none of that, so only the client is reused.
 */

type Result = APIGatewayProxyResult

const json = (statusCode: number, body: unknown, cookie?: string): Result => ({
  statusCode,
  headers: {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...(cookie ? { 'set-cookie': cookie } : {}),
  },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

const refuse = (error: string, statusCode = 400, cookie?: string) =>
  json(statusCode, { error }, cookie)

const LOGIN_REFUSED = 'The email address or password is not right.'
const BUSY =
  'Too many sign-in requests are being handled right now. Try again in a few seconds.'

type Body = Record<string, unknown>

const readBody = (event: APIGatewayProxyEvent): Body | null => {
  if (!event.body) {
    return {}
  }
  try {
    const text = event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' ? (parsed as Body) : null
  } catch {
    return null
  }
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : ''

const cookieHeader = (event: APIGatewayProxyEvent) =>
  event.headers?.cookie ?? event.headers?.Cookie

const signedIn = (
  user: { id: number; email: string },
  token: string,
  status = 200
) => json(status, { id: user.id, email: user.email }, sessionCookie(token))

const waitPhrase = (seconds: number) =>
  seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`

const getToken = async (event: APIGatewayProxyEvent): Promise<Result> => {
  const token = sessionTokenFromCookieHeader(cookieHeader(event))
  const session = token ? await findActiveSession(token) : null
  if (!session) {
    // A cookie that opens nothing is removed, so the browser stops sending it.
    return json(
      200,
      '',
      cookieHeader(event) ? clearedSessionCookie() : undefined
    )
  }
  return json(200, String(session.user.id))
}

const login = async (
  event: APIGatewayProxyEvent,
  body: Body
): Promise<Result> => {
  const email = normaliseEmail(text(body.username))
  const password = text(body.password)
  if (!email || !password) {
    return refuse('Enter your email address and password.')
  }
  const keys = { account: email, address: clientAddress(event) }
  const lock = await currentLoginLock(keys)
  if (lock) {
    return refuse(
      lock.kind === 'account'
        ? `Too many failed log-ins for this account. Try again in ${waitPhrase(lock.retryAfterSeconds)}.`
        : `Too many failed log-ins from your network. Try again in ${waitPhrase(lock.retryAfterSeconds)}.`,
      429
    )
  }
  const user = await db.user.findUnique({ where: { email } })
  const valid = user
    ? await verifyPassword(password, user)
    : await spendPasswordCheck(password).then(() => false)
  if (!user || !valid) {
    await recordLoginFailure(keys)
    logger.info({ address: keys.address }, 'Log-in refused')
    return refuse(LOGIN_REFUSED)
  }
  await clearAccountFailures(email)
  if (user.disabledAt) {
    return refuse(
      'This account is disabled. Ask an admin of this service.',
      403
    )
  }
  const { token } = await createSession(user.id)
  logger.info({ userId: user.id }, 'Signed in')
  return signedIn(user, token)
}

const logout = async (event: APIGatewayProxyEvent): Promise<Result> => {
  const token = sessionTokenFromCookieHeader(cookieHeader(event))
  if (token) {
    await revokeSessionByToken(token)
  }
  return json(200, '', clearedSessionCookie())
}

const signup = async (body: Body): Promise<Result> => {
  const email = normaliseEmail(text(body.username))
  if (!isEmailAddress(email)) {
    return refuse('Enter an email address like name@example.com.')
  }
  const problem = passwordProblem(body.password)
  if (problem) {
    return refuse(problem)
  }
  const firstAccount = (await db.user.count()) === 0
  const invitationToken = body.invitationToken
  let invitation = null
  if (!firstAccount) {
    if (invitationToken !== undefined) {
      const refusal = invitationsRefusal()
      if (refusal) {
        return refuse(refusal, 403)
      }
      invitation = await findOpenInvitation(invitationToken)
      if (!invitation) {
        return refuse(INVITATION_UNUSABLE, 403)
      }
      if (invitation.email !== email) {
        return refuse(
          `This invitation is for ${invitation.email}. Sign up with that address.`,
          403
        )
      }
    } else {
      const refusal = selfSignupRefusal(email)
      if (refusal) {
        return refuse(refusal, 403)
      }
    }
  }
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    return refuse(`An account already uses ${email}. Log in instead.`)
  }
  const hashed = await hashPassword(text(body.password))
  const now = new Date()
  const user = await db.$transaction(async (tx) => {
    if (invitation) {
      // Single use, even when two sign-ups race on one link.
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null },
        data: { acceptedAt: now },
      })
      if (claimed.count !== 1) {
        return null
      }
    }
    return tx.user.create({
      data: {
        email,
        ...hashed,
        role: firstAccount ? 'ADMIN' : (invitation?.role ?? 'MEMBER'),
      },
    })
  })
  if (!user) {
    return refuse(INVITATION_UNUSABLE, 403)
  }
  const { token } = await createSession(user.id)
  logger.info({ userId: user.id, role: user.role }, 'Account created')
  return signedIn(user, token, 201)
}

const FORGOT_PASSWORD_ANSWER = {
  message:
    'If an account uses that address, we have sent it a link to choose a new password. Check your email.',
}

const forgotPassword = async (body: Body): Promise<Result> => {
  const email = normaliseEmail(text(body.username))
  if (!email) {
    return refuse('Enter your email address.')
  }
  const user = isEmailAddress(email)
    ? await db.user.findUnique({ where: { email } })
    : null
  if (user && !user.disabledAt) {
    const token = newSecretToken()
    const expiresAt = new Date(Date.now() + accountsConfig().passwordResetTtlMs)
    await db.user.update({
      where: { id: user.id },
      data: {
        resetToken: hashSecretToken(token),
        resetTokenExpiresAt: expiresAt,
      },
    })
    // Not awaited: the answer must take as long with an account as without.
    sendPasswordResetEmail({
      to: user.email,
      resetUrl: `${accountsConfig().webUrl}/reset-password?resetToken=${token}`,
      expiresAt,
    }).catch((err: unknown) =>
      logger.error(
        { err, userId: user.id },
        'Could not send the password reset email'
      )
    )
    logger.info({ userId: user.id }, 'Password reset requested')
  }
  return json(200, FORGOT_PASSWORD_ANSWER)
}

const RESET_LINK_UNUSABLE =
  'This reset link is not valid or has expired. Ask for a new one.'

const userForResetToken = async (token: unknown) => {
  if (typeof token !== 'string' || !SECRET_TOKEN_PATTERN.test(token)) {
    return null
  }
  const user = await db.user.findFirst({
    where: {
      resetToken: hashSecretToken(token),
      resetTokenExpiresAt: { gt: new Date() },
    },
  })
  return user && !user.disabledAt ? user : null
}

const validateResetToken = async (body: Body): Promise<Result> => {
  const user = await userForResetToken(body.resetToken)
  return user ? json(200, { valid: true }) : refuse(RESET_LINK_UNUSABLE)
}

const resetPassword = async (body: Body): Promise<Result> => {
  const user = await userForResetToken(body.resetToken)
  if (!user) {
    return refuse(RESET_LINK_UNUSABLE)
  }
  const problem = passwordProblem(body.password)
  if (problem) {
    return refuse(problem)
  }
  const password = text(body.password)
  if (await verifyPassword(password, user)) {
    return refuse('Choose a password you have not used here before.')
  }
  const hashed = await hashPassword(password)
  const claimed = await db.user.updateMany({
    where: { id: user.id, resetToken: user.resetToken },
    data: { ...hashed, resetToken: null, resetTokenExpiresAt: null },
  })
  if (claimed.count !== 1) {
    return refuse(RESET_LINK_UNUSABLE)
  }
  // A copied cookie must stop working once the password is changed.
  await revokeUserSessions(user.id)
  await clearAccountFailures(user.email)
  const { token } = await createSession(user.id)
  logger.info({ userId: user.id }, 'Password reset')
  return signedIn(user, token)
}

const validateInvitation = async (body: Body): Promise<Result> => {
  const refusal = invitationsRefusal()
  if (refusal) {
    return refuse(refusal, 403)
  }
  const invitation = await findOpenInvitation(body.invitationToken)
  if (!invitation) {
    return refuse(INVITATION_UNUSABLE, 403)
  }
  return json(200, {
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
  })
}

const POST_METHODS = {
  login,
  logout: (event: APIGatewayProxyEvent) => logout(event),
  signup: (_event: APIGatewayProxyEvent, body: Body) => signup(body),
  forgotPassword: (_event: APIGatewayProxyEvent, body: Body) =>
    forgotPassword(body),
  validateResetToken: (_event: APIGatewayProxyEvent, body: Body) =>
    validateResetToken(body),
  resetPassword: (_event: APIGatewayProxyEvent, body: Body) =>
    resetPassword(body),
  validateInvitation: (_event: APIGatewayProxyEvent, body: Body) =>
    validateInvitation(body),
} satisfies Record<
  string,
  (event: APIGatewayProxyEvent, body: Body) => Promise<Result>
>

export const handler = async (event: APIGatewayProxyEvent): Promise<Result> => {
  try {
    if (event.httpMethod === 'GET') {
      return event.queryStringParameters?.method === 'getToken'
        ? await getToken(event)
        : json(404, { error: 'Not found.' })
    }
    if (event.httpMethod !== 'POST') {
      return json(405, { error: 'Use POST.' })
    }
    const body = readBody(event)
    if (!body) {
      return refuse('The request body must be JSON.')
    }
    const method = text(body.method)
    if (!Object.hasOwn(POST_METHODS, method)) {
      return json(404, { error: 'Not found.' })
    }
    return await POST_METHODS[method as keyof typeof POST_METHODS](event, body)
  } catch (error) {
    if (error instanceof PasswordHashingBusyError) {
      return refuse(BUSY, 503)
    }
    logger.error({ err: error }, 'Auth request failed')
    return refuse('Something went wrong. Try again.', 500)
  }
}
