/**
 * An error a command reports to the user as one line on stderr (no stack trace), with its exit
 * code. Throw it for bad flags, missing files and other input the user can fix.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
