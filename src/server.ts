import { createApp } from './app';
import { runProcess } from './process';

/** HTTP entry point: the app on PORT; a stop lets requests in flight finish. */
runProcess(
  { name: 'api', stopping: 'finishing requests in flight', graceMs: 10_000 },
  async (deps) => {
    const port = deps.config.PORT;
    const server = createApp(deps).listen(port, () => {
      deps.logger.info({ port }, 'api listening');
    });
    return {
      close: () =>
        new Promise<void>((resolve) => {
          // Stop accepting, let requests in flight finish, then close connections.
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    };
  },
);
