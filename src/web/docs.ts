import { html } from '../platform/html';

interface Operation {
  summary?: string;
  tags?: string[];
}

/** A plain list of the API's operations, read from the OpenAPI document itself. */
export function docsPage(document: object): string {
  const doc = document as { paths: Record<string, Record<string, Operation>> };
  const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(
      ([method, op]) =>
        html`<tr>
          <td><code>${method.toUpperCase()}</code></td>
          <td><code>${path}</code></td>
          <td>${op.summary ?? ''}</td>
        </tr>`,
    ),
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Tiếng Dân API</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <main>
          <h1>Tiếng Dân API</h1>
          <p>
            The machine-readable description is
            <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Errors are RFC
            9457 <code>application/problem+json</code>.
          </p>
          <table>
            <tr>
              <th>Method</th>
              <th>Path</th>
              <th>What it does</th>
            </tr>
            ${rows}
          </table>
        </main>
      </body>
    </html>`.value;
}
