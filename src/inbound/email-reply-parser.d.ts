/** email-reply-parser 2.1.0 (the last CommonJS release) ships no types. */
declare module 'email-reply-parser' {
  interface Email {
    getVisibleText(): string;
    getQuotedText(): string;
  }
  class EmailReplyParser {
    read(text: string): Email;
    parseReply(text: string): string;
  }
  export = EmailReplyParser;
}
