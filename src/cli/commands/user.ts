/**
 * `cabledesk user add --email E --password P --role member|moderator|admin [--name N]`: creates
 * an account or updates the password, role (and name) of an existing one. The first admin is made
 * this way. Prints one line saying which.
 */
import { Discussion } from '../../discuss/discussion.ts';
import { DiscussionError } from '../../discuss/errors.ts';
import { ROLES, type Role } from '../../discuss/types.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { dbOptionHelp, openArchive, resolveDbUrl } from '../db-option.ts';
import type { Command } from '../main.ts';

const HELP = `Usage: cabledesk user add --email E --password P --role member|moderator|admin [--name N] [--db URL]

Creates an account, or updates the password, role (and name, when given) of the account with
that e-mail address. Passwords need at least 10 characters.

Options:
  --email E      the e-mail address (log-in name; never shown)
  --password P   the password
  --role R       member, moderator or admin
  --name N       the display name (default: the part of the address before @)
${dbOptionHelp(17)}
  -h, --help     this text`;

export const command: Command = {
  summary: 'create or update an account (user add --email --password --role [--name])',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('user', argv, {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      db: { type: 'string' },
    });
    if (positionals[0] !== 'add' || positionals.length > 1) {
      throw new CliError(
        "usage: cabledesk user add --email E --password P --role R [--name N]. Run 'cabledesk user --help'.",
      );
    }
    if (!values.email || !values.password || !values.role) {
      throw new CliError('--email, --password and --role are required');
    }
    if (!(ROLES as readonly string[]).includes(values.role)) {
      throw new CliError(`--role must be member, moderator or admin (got '${values.role}')`);
    }
    const url = resolveDbUrl(values.db);
    const store = await openArchive(url);
    try {
      const { account, created } = await new Discussion(store).addUser({
        email: values.email,
        password: values.password,
        role: values.role as Role,
        ...(values.name !== undefined ? { name: values.name } : {}),
      });
      process.stdout.write(
        `${created ? 'created' : 'updated'} account ${account.id}: ${account.email} (${account.name}), role ${account.role}\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof DiscussionError) throw new CliError(error.message);
      throw error;
    } finally {
      await store.close();
    }
  },
};
