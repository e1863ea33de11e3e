import express from 'express';
import request from 'supertest';
import { fail } from '../../src/platform/domain-errors';
import { errorHandler, HTTP_PROBLEMS } from '../../src/platform/errors';
import { createLogger } from '../../src/platform/logger';

/** The HTTP edge: domain errors by the table; every 5xx with an error id. */
function app() {
  const a = express();
  a.get('/refused', () => {
    throw fail.because('already-rated');
  });
  a.get('/broken', () => {
    throw new Error('boom');
  });
  a.use(errorHandler(createLogger('silent')));
  return a;
}

it('answers a domain error with its row of the HTTP table, without an error id', async () => {
  const res = await request(app()).get('/refused').expect(409);
  expect(res.body).toMatchObject({
    type: 'https://tiengdan.example/problems/already-rated',
    title: HTTP_PROBLEMS['already-rated'].title,
    status: 409,
  });
  expect(res.body.errorId).toBeUndefined();
});

it('gives every 500 an error id', async () => {
  const a = await request(app()).get('/broken').expect(500);
  const b = await request(app()).get('/broken').expect(500);
  expect(a.body.type).toMatch(/internal$/);
  expect(a.body.errorId).toMatch(/^[0-9a-f-]{36}$/);
  expect(b.body.errorId).not.toBe(a.body.errorId);
});
