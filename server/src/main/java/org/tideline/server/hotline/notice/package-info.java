/**
 * Notice-and-takedown messages: what a hotline sends to whoever can remove confirmed material (the host, its CDN,
 * the domain's registrar, the host's upstream network), and the transports that deliver them.
 *
 * <p>A {@link org.tideline.server.hotline.notice.Notice} says to whom, about which URLs, and which attempt it is;
 * {@link org.tideline.server.hotline.notice.NoticeTemplates} puts it into words in the notice's language (English
 * and Italian built in), as a {@link org.tideline.server.hotline.notice.NoticeMessage} that names the category in
 * legal terms only, lists the URLs as text, and always asks for the evidence to be preserved for law enforcement
 * and the uploader not to be told where the law allows. After
 * {@link org.tideline.server.hotline.notice.NoticeSettings#escalateAfter()} notices the escalation wording is used.
 * A {@link org.tideline.server.hotline.notice.NoticeTransport} (SMTP with Tideline's own small client, or a JSON
 * webhook) sends one message once and returns a {@link org.tideline.server.hotline.notice.SendResult}: accepted,
 * or failed as a bounce (find another contact), temporarily (try again) or for our own configuration (an operator
 * must act). Scheduling and re-sending belong to the job runner, not to this package.
 *
 * <p>Values that can reach a header are refused if they hold a line break; nothing here logs; results never carry
 * an e-mail address or a URL, and no {@code toString} prints one.
 */
package org.tideline.server.hotline.notice;
