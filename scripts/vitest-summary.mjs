// Summarises vitest's JSON report for scripts/test.sh: the "N passed, N failed" line that the
// suite totals read, then (to the file given second) each failed test with the first line of its
// error, which test.sh repeats at the very end because CI keeps only the end of the log.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const [reportPath, failedPath] = process.argv.slice(2)
const report = JSON.parse(readFileSync(reportPath, 'utf8'))
console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`)
const firstLine = (message = '') => message.split('\n')[0].slice(0, 300)
const failed = report.testResults.flatMap((file) => {
  const name = path.relative(process.cwd(), file.name)
  const tests = file.assertionResults.filter((test) => test.status === 'failed')
  // A file that failed outside its tests (an import, a hook) has a message of its own.
  if (tests.length === 0)
    return file.status === 'failed' ? [`${name}: ${firstLine(file.message)}\n`] : []
  return tests.map((test) => `${name} > ${test.fullName}: ${firstLine(test.failureMessages[0])}\n`)
})
writeFileSync(failedPath, failed.join(''))
