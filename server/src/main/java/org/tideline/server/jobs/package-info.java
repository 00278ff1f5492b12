/**
 * Durable background jobs: removal re-checks, re-notices and re-traces that must survive restarts and must never
 * send the same notice twice. {@link org.tideline.server.jobs.JobRunner} is the entry; the state of every job is a
 * row of table {@code job}, claimed with a lease, so several processes can share one database. See
 * {@code docs/jobs.md} for the guarantees.
 */
package org.tideline.server.jobs;
