package org.tideline.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import org.tideline.server.ApiException;

/**
 * JSON in and out. Request bodies are read strictly: an unknown field, a wrong type or a body over
 * {@link #MAX_BODY} is a 400/413 that names the problem, so a typo never silently changes nothing.
 */
final class Json {

    /** Largest JSON body accepted (a batch of 1,000 PDQ hashes is about 70 KB). */
    static final int MAX_BODY = 1 << 20;

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {}

    /** The request body as a JSON tree; an empty body is refused. */
    static JsonNode tree(Context ctx) {
        byte[] body = body(ctx);
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.invalid("the request body must be JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.invalid("the request body could not be read");
        }
    }


    static void write(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > MAX_BODY) {
            throw new ApiException(ApiException.Kind.TOO_LARGE, "request body over " + MAX_BODY + " bytes");
        }
        String type = ctx.contentType();
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(ApiException.Kind.UNSUPPORTED_MEDIA, "expected Content-Type application/json, got " + type);
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY) {
            throw new ApiException(ApiException.Kind.TOO_LARGE, "request body over " + MAX_BODY + " bytes");
        }
        if (body.length == 0) {
            throw ApiException.invalid("the request body is empty; expected JSON");
        }
        return body;
    }
}
