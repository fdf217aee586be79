// More info at https://redwoodjs.com/docs/project-configuration-dev-test-build
/* eslint-env node */
const path = require('node:path')

const preset = require('@redwoodjs/testing/config/jest/api/jest-preset')

const { isPostgres } = require('./jest.testDatabase')

const config = {
  rootDir: '../',
  preset: '@redwoodjs/testing/config/jest/api',
  globalSetup: '<rootDir>/api/jest.globalSetup.js',
  globalTeardown: '<rootDir>/api/jest.globalTeardown.js',
  setupFiles: ['<rootDir>/api/jest.env.js'],
}

// Redwood's scenarios empty the tables after each test, listing them from the
// Prisma schema, which must then match DATABASE_URL's provider.
if (isPostgres(process.env.TEST_DATABASE_URL ?? '')) {
  config.globals = {
    __RWJS__TEST_IMPORTS: {
      ...preset.globals.__RWJS__TEST_IMPORTS,
      dbSchemaPath: path.join(__dirname, 'db', 'postgres', 'schema.prisma'),
    },
  }
}

module.exports = config
