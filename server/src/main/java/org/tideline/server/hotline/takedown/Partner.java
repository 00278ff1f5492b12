package org.tideline.server.hotline.takedown;

import java.net.URI;
import java.util.Optional;

/**
 * A partner hotline in another country, from the deployment's partner directory: where a report hosted in that
 * country is sent (its Tideline API, or e-mail).
 */
public record Partner(String country, String name, Optional<URI> api, Optional<String> email) {}
