import { policiesScanner } from './policies.js'
import type { Scanner } from './scanner.js'
import { imageScanner, repositoryScanner, trivyConfigScanner } from './trivy.js'

/**
 * Every scanner, in the order of the `scanners` default. A scanner is its own file plus its
 * entry here (CONTRIBUTING.md, "Adding a scanner"); nothing else names it.
 */
const SCANNERS: Scanner[] = [imageScanner, repositoryScanner, policiesScanner, trivyConfigScanner]

export function registeredScanners(): readonly Scanner[] {
  return SCANNERS
}

export function scannerNames(): string[] {
  return SCANNERS.map((scanner) => scanner.name)
}

export function scannerNamed(name: string): Scanner | undefined {
  return SCANNERS.find((scanner) => scanner.name === name)
}

/**
 * For tests only: adds a scanner as one more entry of the table above would, until the returned
 * function is called (a test cannot edit the table itself).
 */
export function registerScannerForTest(scanner: Scanner): () => void {
  if (scannerNamed(scanner.name)) throw new Error(`A scanner named ${scanner.name} exists already.`)
  SCANNERS.push(scanner)
  return () => {
    SCANNERS.splice(SCANNERS.indexOf(scanner), 1)
  }
}
