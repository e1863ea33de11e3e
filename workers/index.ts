import { runProcess } from '../src/process';
import { startWorkers } from './start';

/** The worker process: routing, notices, relays. A stop lets jobs in progress finish. */
runProcess(
  { name: 'workers', stopping: 'finishing jobs in progress', graceMs: 30_000 },
  async (deps) => {
    const workers = await startWorkers(deps);
    deps.logger.info('workers started');
    return workers;
  },
);
