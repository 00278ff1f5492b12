/**
 * The hosting trace: for a confirmed URL's host, where it is hosted and whom to notify. DNS gives the CNAME chain
 * and the addresses; MaxMind-format databases (GeoLite2-ASN and GeoLite2-Country, or equivalents the operator
 * supplies) give each address's autonomous system, organisation and country; a CDN is recognised by CNAME suffix
 * or CDN-only network; RDAP gives the registrar where the registry publishes one. Every method's outcome is kept
 * with the trace (OK, UNAVAILABLE, FAILED, with time and detail), and each trace is stored with its reason
 * (CONFIRMED, BOUNCE when a notice bounced, RECHECK), since hosting moves.
 *
 * <p>Nothing here needs the internet in tests: {@link org.tideline.server.hotline.trace.DnsLookup} and
 * {@link org.tideline.server.hotline.trace.RegistrarLookup} are pluggable, and the databases are files. Host names
 * are never logged and never appear in method details.
 *
 * <p>The public API: {@link org.tideline.server.hotline.trace.HostingTracer} with
 * {@link org.tideline.server.hotline.trace.TraceSettings}, the results
 * {@link org.tideline.server.hotline.trace.Trace}, {@link org.tideline.server.hotline.trace.IpInfo},
 * {@link org.tideline.server.hotline.trace.MethodResult} and {@link org.tideline.server.hotline.trace.Registrar},
 * {@link org.tideline.server.hotline.trace.CdnDetector}, and
 * {@link org.tideline.server.hotline.trace.TraceStore}. The JNDI resolver, the database reader and the RDAP client
 * are package-private. docs/hotline.md ("Trace: where is it hosted") says what a trace cannot know.
 */
package org.tideline.server.hotline.trace;
