package org.tideline.server.hotline.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The registrar from RDAP (RFC 9083): the domain object's entity with role {@code registrar}, its name from the
 * vCard's {@code fn} and its IANA Registrar ID from {@code publicIds}. Entities are searched one level of nesting
 * deep as well, since some registries put the registrar inside another entity.
 *
 * <p>A 404 means the registry does not know the domain (empty, not an error); anything else but 200 is an
 * {@link IOException}. Answers are read up to {@link #MAX_BYTES}. Messages never contain the domain.
 */
final class RdapRegistrarLookup implements RegistrarLookup {

    static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Duration timeout;
    private final HttpClient client;

    RdapRegistrarLookup(URI baseUrl, Duration timeout) {
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b : b + "/";
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Optional<Registrar> registrar(String host) throws IOException {
        Optional<String> domain = RegistrableDomain.of(host);
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "domain/" + domain.get()))
                .timeout(timeout)
                .header("Accept", "application/rdap+json, application/json")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("RDAP request interrupted");
        } catch (IOException e) {
            throw new IOException("RDAP request failed: " + e.getClass().getSimpleName());
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException("RDAP answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("RDAP answer larger than " + MAX_BYTES + " bytes");
            }
            return parse(bytes, domain.get());
        }
    }

    static Optional<Registrar> parse(byte[] json, String domain) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IOException("RDAP answer is not JSON");
        }
        JsonNode registrar = findRegistrar(root.path("entities"), 2);
        if (registrar == null) {
            return Optional.empty();
        }
        Optional<String> name = vcardName(registrar.path("vcardArray"));
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Registrar(name.get(), ianaId(registrar.path("publicIds")), domain));
    }

    private static JsonNode findRegistrar(JsonNode entities, int depth) {
        if (!entities.isArray() || depth == 0) {
            return null;
        }
        for (JsonNode entity : entities) {
            for (JsonNode role : entity.path("roles")) {
                if ("registrar".equalsIgnoreCase(role.asText())) {
                    return entity;
                }
            }
        }
        for (JsonNode entity : entities) {
            JsonNode nested = findRegistrar(entity.path("entities"), depth - 1);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    /** jCard (RFC 7095): ["vcard", [[name, params, type, value], ...]]. */
    private static Optional<String> vcardName(JsonNode vcardArray) {
        JsonNode properties = vcardArray.path(1);
        for (JsonNode property : properties) {
            if ("fn".equalsIgnoreCase(property.path(0).asText()) && property.path(3).isTextual()) {
                String fn = property.path(3).asText().strip();
                if (!fn.isEmpty()) {
                    return Optional.of(fn);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> ianaId(JsonNode publicIds) {
        for (JsonNode id : publicIds) {
            if (id.path("type").asText().toLowerCase(Locale.ROOT).contains("iana")) {
                try {
                    return Optional.of(Long.parseLong(id.path("identifier").asText().strip()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
