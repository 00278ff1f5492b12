package org.tideline.server.hotline.capture;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;
import org.tideline.server.hotline.capture.FetchRefused.Reason;

/**
 * Reads a response body into memory, whichever way it is framed (Content-Length, chunked, or until the server
 * closes), counting every byte against the limit as it arrives. A declared length over the limit is refused before
 * anything is read; a server that declares less than it sends gets what it declared read (the rest is never part
 * of the body); one that declares more and closes early is refused as truncated; an endless chunked or
 * close-delimited body stops at the limit. Compressed bodies are refused: the request asked for {@code identity},
 * and decompressing hostile input would need limits of its own.
 */
final class BodyReader {

    private static final int CHUNK_LINE = 4 * 1024;
    private static final int MAX_CHUNK_SIZE_DIGITS = 15;
    private static final int COPY = 16 * 1024;

    private BodyReader() {}

    static byte[] read(Wire wire, ResponseHead head, long limit) throws FetchRefused {
        Optional<String> encoding = head.single("content-encoding");
        if (encoding.isPresent() && !encoding.get().equalsIgnoreCase("identity")) {
            throw new FetchRefused(Reason.BAD_RESPONSE, "the body is compressed although identity was asked for");
        }
        if (head.has("transfer-encoding")) {
            String coding = String.join(",", head.headers().get("transfer-encoding")).strip().toLowerCase(Locale.ROOT);
            if (!coding.equals("chunked")) throw bad("an unsupported transfer coding");
            if (head.has("content-length")) throw bad("both a Content-Length and a transfer coding");
            return chunked(wire, limit);
        }
        Optional<String> length = head.single("content-length");
        if (length.isPresent()) return counted(wire, contentLength(length.get(), limit));
        return untilClose(wire, limit);
    }

    private static long contentLength(String value, long limit) throws FetchRefused {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad("a malformed Content-Length");
        }
        long length = Long.parseLong(value);
        if (length > limit) throw tooLarge(limit);
        return length;
    }

    private static byte[] counted(Wire wire, long length) throws FetchRefused {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(length, COPY));
        copy(wire, body, length);
        return body.toByteArray();
    }

    private static byte[] untilClose(Wire wire, long limit) throws FetchRefused {
        ByteArrayOutputStream body = new ByteArrayOutputStream(COPY);
        byte[] buffer = new byte[COPY];
        for (int n = wire.read(buffer, 0, buffer.length); n >= 0; n = wire.read(buffer, 0, buffer.length)) {
            if (body.size() + (long) n > limit) throw tooLarge(limit);
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private static byte[] chunked(Wire wire, long limit) throws FetchRefused {
        ByteArrayOutputStream body = new ByteArrayOutputStream(COPY);
        while (true) {
            long size = chunkSize(wire.readLine(CHUNK_LINE).orElseThrow(() -> bad("a chunked body ended early")));
            if (size == 0) break;
            if (body.size() + size > limit) throw tooLarge(limit);
            copy(wire, body, size);
            String end = wire.readLine(CHUNK_LINE).orElseThrow(() -> bad("a chunked body ended early"));
            if (!end.isEmpty()) throw bad("a chunk longer than its size");
        }
        skipTrailers(wire);
        return body.toByteArray();
    }

    private static long chunkSize(String line) throws FetchRefused {
        int end = line.indexOf(';');
        String digits = (end < 0 ? line : line.substring(0, end)).strip();
        if (digits.isEmpty() || digits.length() > MAX_CHUNK_SIZE_DIGITS
                || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw bad("a malformed chunk size");
        }
        return Long.parseLong(digits, 16);
    }

    private static void skipTrailers(Wire wire) throws FetchRefused {
        int bytes = 0;
        while (true) {
            String line = wire.readLine(ResponseHead.MAX_LINE).orElse("");
            if (line.isEmpty()) return;
            bytes += line.length();
            if (bytes > ResponseHead.MAX_HEAD_BYTES) throw bad("the chunked trailers are too large");
        }
    }

    private static void copy(Wire wire, ByteArrayOutputStream body, long length) throws FetchRefused {
        byte[] buffer = new byte[(int) Math.min(COPY, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            int n = wire.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) throw bad("the body ended before its declared length");
            body.write(buffer, 0, n);
            left -= n;
        }
    }

    private static FetchRefused tooLarge(long limit) {
        return new FetchRefused(Reason.TOO_LARGE, "the response is larger than the limit of " + limit + " bytes");
    }

    private static FetchRefused bad(String message) {
        return new FetchRefused(Reason.BAD_RESPONSE, message);
    }
}
