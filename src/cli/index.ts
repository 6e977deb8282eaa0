import { main } from './main';

/**
 * The command line's entry (bundled to dist-cli/kpi-campaign.cjs; bin/kpi-campaign.cjs runs it): results on standard
 * output, progress and errors on standard error, the exit code main returns (2 for an error main did not expect).
 */
export function run(argv: readonly string[], version: string): void {
  main(argv, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    version,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
