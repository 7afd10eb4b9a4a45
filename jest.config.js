// Unit and integration tests; the e2e suite (real n8n) has its own config and runner.
module.exports = {
  testEnvironment: "node",
  roots: [
    "<rootDir>/test"
  ],
  testMatch: [
    "**/*.test.js"
  ],
  testPathIgnorePatterns: [
    "/node_modules/",
    "<rootDir>/test/e2e/"
  ],
  testTimeout: 60000,
  reporters: [
    "default",
    "<rootDir>/test/helpers/summaryReporter.js"
  ]
};
