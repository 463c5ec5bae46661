/**
 * TEMPORARY alias, to be deleted: the store's runner is `sqlRunnerFor` in ../store/sql-runner.ts
 * (it has nothing to do with the discussion). Kept only because src/web/routes/linkback.browser.test.ts
 * still imports this name and belongs to the ops helper while it is being edited; once that import
 * reads `import { sqlRunnerFor } from '../../store/sql-runner.ts'`, delete this file. Use nowhere else.
 */
export { sqlRunnerFor as discussionRunner } from '../store/sql-runner.ts';
