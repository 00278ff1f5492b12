package org.tideline.server.hotline.takedown;

import java.util.List;
import java.util.Optional;
import org.tideline.server.hotline.notice.HotlineIdentity;
import org.tideline.server.hotline.notice.Notice;
import org.tideline.server.hotline.notice.NoticeCategory;
import org.tideline.server.hotline.notice.NoticeTemplates;
import org.tideline.server.hotline.notice.NoticeTransport;
import org.tideline.server.hotline.notice.Recipient;
import org.tideline.server.hotline.notice.RecipientKind;
import org.tideline.server.hotline.notice.SendResult;

/**
 * Sends the workflow's notices as e-mail through the configured relay: the hotline's templates (English unless
 * configured otherwise), the evidence-preservation request, escalation after the configured attempts.
 */
final class EmailNotices implements TakedownWorkflow.NoticeSender {

    private final NoticeTransport transport;
    private final NoticeTemplates templates;
    private final HotlineIdentity identity;
    private final String language;

    EmailNotices(NoticeTransport transport, NoticeTemplates templates, HotlineIdentity identity, String language) {
        this.transport = transport;
        this.templates = templates;
        this.identity = identity;
        this.language = language;
    }

    @Override
    public Optional<Failure> send(TakedownWorkflow.NoticeRequest r) {
        Notice notice = new Notice("TD" + r.takedownId(), new Recipient(RecipientKind.HOST, r.recipient()), language,
                r.reference(), List.of(r.url()), NoticeCategory.CSAM, r.firstReported(), r.attempt(), r.escalated(),
                identity);
        SendResult result = transport.send(templates.render(notice));
        return switch (result) {
            case SendResult.Accepted a -> Optional.empty();
            case SendResult.Failed f -> Optional.of(new Failure(f.kind() == SendResult.Failed.Kind.BOUNCE,
                    f.kind() + ": " + f.detail()));
        };
    }
}
