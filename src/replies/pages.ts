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
import { readReplyLink, recordAnswer, type ReplyLink } from './service';
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
  async function show(
    req: Request,
    res: Response,
    link: ReplyLink | null,
    lang: Lang,
    state: PageState,
    status = 200,
  ) {
    const ctx = await readReplyLink(deps, link);
    if (ctx.state !== 'open' && ctx.state !== 'answered') {
      if (ctx.state === 'unknown') await guard.failed(clientOf(req));
      return res
        .status(ctx.state === 'unknown' ? 404 : 410)
        .send(deadLinkPage(lang, ctx.state, req.path));
    }
    res.status(status).send(replyPage(lang, await replyView(deps, ctx), base(req), state));
  }

  /**
   * A dead or unknown link is answered before the body is read: an upload of
   * ~15 MB to a guessed token costs us nothing, and the connection closes.
   */
  async function deadBeforeBody(req: Request, res: Response, link: ReplyLink | null, lang: Lang) {
    const { state } = await readReplyLink(deps, link);
    if (state === 'open' || state === 'answered') return false;
    res.set('Connection', 'close');
    await show(req, res, link, lang, {});
    return true;
  }

  /** Runs one step; a problem re-shows the page with what went wrong. */
  const step = (
    section: Section | undefined,
    run: (
      link: ReplyLink | null,
      values: Record<string, string>,
      req: Request,
      res: Response,
    ) => Promise<string | null>,
  ) =>
    tokenHandler(
      deps,
      guard,
      async (req, res, link) => {
        noStore(res);
        const lang = pickLang(req, res);
        let values: Record<string, string> = {};
        if (await deadBeforeBody(req, res, link, lang)) return;
        try {
          const form = await readForm(req);
          values = form.fields;
          const done = await run(link, values, req, res);
          if (done === null) return; // the handler answered itself
          await show(req, res, link, lang, { notice: done });
        } catch (err) {
          const r = refusalOf(err);
          if (!r) throw err;
          await show(
            req,
            res,
            link,
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
      deps,
      guard,
      async (req, res, link) => {
        noStore(res);
        await show(req, res, link, pickLang(req, res), {});
      },
      blocked,
    ),
  );

  router.post(
    '/reply/:token/acknowledge',
    step(undefined, async (link) => {
      const r = await acknowledge(deps, link);
      return r.outcome === 'recorded' ? 'acknowledged' : 'acknowledged-already';
    }),
  );

  router.post(
    '/reply/:token/progress',
    step('progress', async (link, v) => {
      const input = parseInput(progressInput, {
        text: v.text ?? '',
        expectedBy: v.expectedBy ?? '',
      });
      await reportProgress(deps, link, input);
      return 'progress';
    }),
  );

  router.post(
    '/reply/:token/ask-resident',
    step('ask', async (link, v) => {
      const r = await askResident(deps, link, parseInput(askInput, { question: v.question ?? '' }));
      return r.outcome === 'recorded' ? 'asked' : 'asked-already';
    }),
  );

  router.post(
    '/reply/:token/decline',
    step('decline', async (link, v, req, res) => {
      const input = parseInput(declineInput, {
        suggestedAgency: v.suggestedAgency ?? '',
        ...(v.reason?.trim() ? { reason: v.reason } : {}),
      });
      const { submission } = await decline(deps, link, input);
      // The link is closed from now on: say so, in words for the clerk.
      res.send(declinedPage(pickLang(req, res), submission.trackingCode, req.path));
      return null;
    }),
  );

  // The answer: after it the page thanks the agency (a double click is thanked too).
  router.post(
    '/reply/:token',
    tokenHandler(
      deps,
      guard,
      async (req, res, link) => {
        noStore(res);
        const lang = pickLang(req, res);
        let values: Record<string, string> = {};
        if (await deadBeforeBody(req, res, link, lang)) return;
        try {
          const form = await readForm(req);
          values = form.fields;
          const input = parseInput(answerInput, {
            text: values.text ?? '',
            responderName: values.responderName ?? '',
            ...(values.responderTitle?.trim() ? { responderTitle: values.responderTitle } : {}),
          });
          const files = checkUploads(form);
          const { submission } = await recordAnswer(deps, link, input, {
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
              link,
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
            link,
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
