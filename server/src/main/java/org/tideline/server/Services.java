package org.tideline.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.tideline.core.media.MediaHasher;
import org.tideline.server.access.AccessService;
import org.tideline.server.audit.AuditLog;
import org.tideline.server.bank.BankService;
import org.tideline.server.hotline.HotlineService;
import org.tideline.server.match.MatchService;
import org.tideline.server.store.Database;

/** The running capabilities, handed to the HTTP layer and the commands. */
public record Services(
        Database db,
        AuditLog audit,
        AccessService access,
        BankService banks,
        MatchService matcher,
        MediaHasher hasher,
        PrometheusMeterRegistry metrics,
        HotlineService hotline) {}
