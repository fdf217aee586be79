// More info at https://redwoodjs.com/docs/project-configuration-dev-test-build

const config = {
  rootDir: '../',
  preset: '@redwoodjs/testing/config/jest/api',
  setupFiles: ['<rootDir>/api/jest.env.js'],
}

module.exports = config
