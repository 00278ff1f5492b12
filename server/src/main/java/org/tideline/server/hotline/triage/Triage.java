package org.tideline.server.hotline.triage;

import java.util.List;
import java.util.Objects;

/**
 * The triage decision for one report.
 *
 * @param priority        where it goes in the queue
 * @param alertSupervisor whether a supervisor is alerted now rather than seeing it in the queue
 * @param reasons         every rule that applied, in the order {@link PriorityRules} lists its rules
 */
public record Triage(Priority priority, boolean alertSupervisor, List<TriageReason> reasons) {

    public Triage {
        Objects.requireNonNull(priority, "priority");
        reasons = List.copyOf(reasons);
    }
}
