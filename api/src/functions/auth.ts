import type { APIGatewayProxyEvent, Context } from 'aws-lambda'

import {
  DbAuthHandler,
  PasswordValidationError,
} from '@redwoodjs/auth-dbauth-api'
import type { DbAuthHandlerOptions, UserType } from '@redwoodjs/auth-dbauth-api'

import { cookieName } from 'src/lib/auth'
import { db } from 'src/lib/db'
import { logger } from 'src/lib/logger'

export const PASSWORD_MIN_LENGTH = 8
// Enough to catch typing mistakes; the address is not used to send mail.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const WEB_URL = process.env.WEB_URL ?? 'http://localhost:8910'

export const handler = async (
  event: APIGatewayProxyEvent,
  context: Context
) => {
  const forgotPasswordOptions: DbAuthHandlerOptions['forgotPassword'] = {
    handler: (user, resetToken) => {
      // No mail service is wired in: in development the link is logged so
      // the flow can be used; elsewhere only the request is.
      if (process.env.NODE_ENV === 'development') {
        logger.warn(
          `Password reset link (development only): ${WEB_URL}/reset-password?resetToken=${resetToken}`
        )
      } else {
        logger.info({ userId: user.id }, 'Password reset requested')
      }
      return { email: user.email }
    },
    expires: 60 * 60,
    errors: {
      usernameNotFound: 'No account uses that email address.',
      usernameRequired: 'Enter your email address.',
    },
  }

  const loginOptions: DbAuthHandlerOptions['login'] = {
    handler: (user) => user,
    // The same answer for an unknown email and a wrong password, so the form
    // cannot be used to find out who has an account.
    errors: {
      usernameOrPasswordMissing: 'Enter your email address and password.',
      usernameNotFound: 'The email address or password is not right.',
      incorrectPassword: 'The email address or password is not right.',
    },
    expires: 60 * 60 * 24 * 30,
  }

  const resetPasswordOptions: DbAuthHandlerOptions['resetPassword'] = {
    handler: () => true,
    allowReusedPassword: false,
    errors: {
      resetTokenExpired: 'This reset link has expired. Ask for a new one.',
      resetTokenInvalid: 'This reset link is not valid. Ask for a new one.',
      resetTokenRequired: 'This reset link is incomplete. Ask for a new one.',
      reusedPassword: 'Choose a password you have not used here before.',
    },
  }

  const signupOptions: DbAuthHandlerOptions<
    UserType,
    Record<string, never>
  >['signup'] = {
    handler: ({ username, hashedPassword, salt }) => {
      const email = username.trim().toLowerCase()
      if (!EMAIL_PATTERN.test(email)) {
        throw new Error('Enter an email address like name@example.com.')
      }
      return db.user.create({ data: { email, hashedPassword, salt } })
    },
    passwordValidation: (password) => {
      if (password.length < PASSWORD_MIN_LENGTH) {
        throw new PasswordValidationError(
          `Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`
        )
      }
      return true
    },
    errors: {
      fieldMissing: 'Enter your ${field}.',
      usernameTaken: 'An account already uses ${username}. Log in instead.',
    },
  }

  const authHandler = new DbAuthHandler(event, context, {
    db,
    authModelAccessor: 'user',
    authFields: {
      id: 'id',
      username: 'email',
      hashedPassword: 'hashedPassword',
      salt: 'salt',
      resetToken: 'resetToken',
      resetTokenExpiresAt: 'resetTokenExpiresAt',
    },
    allowedUserFields: ['id', 'email'],
    cookie: {
      attributes: {
        HttpOnly: true,
        Path: '/',
        SameSite: 'Strict',
        Secure: process.env.NODE_ENV !== 'development',
      },
      name: cookieName,
    },
    forgotPassword: forgotPasswordOptions,
    login: loginOptions,
    resetPassword: resetPasswordOptions,
    signup: signupOptions,
  })

  return await authHandler.invoke()
}
