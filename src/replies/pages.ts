import { Router, type Request, type Response } from 'express';
import type { Deps } from '../deps';
import type { FieldError } from '../platform/errors';
import { parseInput } from '../platform/validate';
import { pickLang, type Lang } from '../web/i18n';
import { acknowledge, askResident, decline, reportProgress } from './actions';
import { tokenGuard } from './guard';
import { checkUploads, readForm } from './multipart';
import { clientOf, noStore, tokenHandler } from './routes';
import { answerInput, askInput, declineInput, progressInput } from './schemas';
import { recordAnswer, resolveReplyToken } from './service';
import {
  deadLinkPage,
  declinedPage,
  replyPage,
  thanksPage,
  tooManyPage,
  type PageState,
  type Section,
} from './page-views';
import { replyView } from './view';
import { refusalOf, type Refusal } from '../web/errors';

/**
 * The agency's reply page: one link from an e-mail, no account, no JavaScript.
 * GET only shows (mail scanners open links); each form POSTs one step:
 * acknowledge, progress, decline, or the answer (multipart, with files).
 */
export function replyPages(deps: Deps): Router {
  const router = Router();
  const guard = tokenGuard(deps.redis, deps.config.QUEUE_PREFIX);
  const blocked = (req: Request, res: Response) => {
    noStore(res);
    res.status(429).send(tooManyPage(pickLang(req, res), req.path));
  };
  const token = (req: Request) => String(req.params.token);
  const base = (req: Request) => `/reply/${token(req)}`;

  /** Renders the page for the link as it is now, or the page saying why it is dead. */
  async function show(req: Request, res: Response, lang: Lang, state: PageState, status = 200) {
    const ctx = await resolveReplyToken(deps, token(req));
    if (ctx.state !== 'open' && ctx.state !== 'answered') {
      if (ctx.state === 'unknown') await guard.failed(clientOf(req));
      return res
        .status(ctx.state === 'unknown' ? 404 : 410)
        .send(deadLinkPage(lang, ctx.state, req.path));
    }
    res.status(status).send(replyPage(lang, await replyView(deps, ctx), base(req), state));
  }

  /** Runs one step; a problem re-shows the page with what went wrong. */
  const step = (
    section: Section | undefined,
    run: (req: Request, values: Record<string, string>, res: Response) => Promise<string | null>,
  ) =>
    tokenHandler(
      guard,
      async (req, res) => {
        noStore(res);
        const lang = pickLang(req, res);
        let values: Record<string, string> = {};
        try {
          const form = await readForm(req);
          values = form.fields;
          const done = await run(req, values, res);
          if (done === null) return; // the handler answered itself
          await show(req, res, lang, { notice: done });
        } catch (err) {
          const r = refusalOf(err);
          if (!r) throw err;
          await show(
            req,
            res,
            lang,
            { ...(section ? { section } : {}), values, errors: formErrors(r) },
            r.status,
          );
        }
      },
      blocked,
    );

  router.get(
    '/reply/:token',
    tokenHandler(
      guard,
      async (req, res) => {
        noStore(res);
        await show(req, res, pickLang(req, res), {});
      },
      blocked,
    ),
  );

  router.post(
    '/reply/:token/acknowledge',
    step(undefined, async (req) => {
      const r = await acknowledge(deps, token(req));
      return r.outcome === 'recorded' ? 'acknowledged' : 'acknowledged-already';
    }),
  );

  router.post(
    '/reply/:token/progress',
    step('progress', async (req, v) => {
      const input = parseInput(progressInput, {
        text: v.text ?? '',
        expectedBy: v.expectedBy ?? '',
      });
      await reportProgress(deps, token(req), input);
      return 'progress';
    }),
  );

  router.post(
    '/reply/:token/ask-resident',
    step('ask', async (req, v) => {
      const r = await askResident(
        deps,
        token(req),
        parseInput(askInput, { question: v.question ?? '' }),
      );
      return r.outcome === 'recorded' ? 'asked' : 'asked-already';
    }),
  );

  router.post(
    '/reply/:token/decline',
    step('decline', async (req, v, res) => {
      const input = parseInput(declineInput, {
        suggestedAgency: v.suggestedAgency ?? '',
        ...(v.reason?.trim() ? { reason: v.reason } : {}),
      });
      const { submission } = await decline(deps, token(req), input);
      // The link is closed from now on: say so, in words for the clerk.
      res.send(declinedPage(pickLang(req, res), submission.trackingCode, req.path));
      return null;
    }),
  );

  // The answer: after it the page thanks the agency (a double click is thanked too).
  router.post(
    '/reply/:token',
    tokenHandler(
      guard,
      async (req, res) => {
        noStore(res);
        const lang = pickLang(req, res);
        let values: Record<string, string> = {};
        try {
          const form = await readForm(req);
          values = form.fields;
          const input = parseInput(answerInput, {
            text: values.text ?? '',
            responderName: values.responderName ?? '',
            ...(values.responderTitle?.trim() ? { responderTitle: values.responderTitle } : {}),
          });
          const files = checkUploads(form);
          const { submission } = await recordAnswer(deps, token(req), input, {
            files,
            via: 'link',
          });
          res.send(thanksPage(lang, submission.trackingCode, req.path));
        } catch (err) {
          const r = refusalOf(err);
          if (!r) throw err;
          if (r.status === 413 || r.status === 400)
            return show(
              req,
              res,
              lang,
              {
                section: 'answer',
                values,
                errors: [{ path: 'attachments', message: r.title, code: 'attachment-size' }],
              },
              422,
            );
          await show(
            req,
            res,
            lang,
            { section: 'answer', values, errors: formErrors(r) },
            r.status,
          );
        }
      },
      blocked,
    ),
  );

  return router;
}

/** A refusal as the form's errors: each field, or one line for the whole form. */
function formErrors(r: Refusal): FieldError[] {
  return r.fields.length
    ? r.fields
    : [{ path: '(body)', message: r.detail ?? r.title, code: r.code }];
}
