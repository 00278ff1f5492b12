package org.tideline.server.hotline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local web site standing in for the place a report points at: pages linking benign generated images, served on
 * loopback. It counts every request, so a test can prove that forward-only mode never fetched anything, and it
 * records request bodies posted to it, so it can stand in for a law-enforcement webhook too.
 */
public final class TestSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<byte[]> posted = new CopyOnWriteArrayList<>();

    private record Resource(String type, byte[] body, int status) {}

    private TestSite(HttpServer server) {
        this.server = server;
    }

    public static TestSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TestSite site = new TestSite(server);
        server.createContext("/", site::handle);
        server.start();
        return site;
    }

    /** The site's address by name ({@code localhost}), so that stored URLs never contain a numeric address. */
    public String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    public TestSite page(String path, String html) {
        resources.put(path, new Resource("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), 200));
        return this;
    }

    public TestSite file(String path, String type, byte[] body) {
        resources.put(path, new Resource(type, body, 200));
        return this;
    }

    /** Takes a page down (answers 404 from now on). */
    public TestSite remove(String path) {
        resources.remove(path);
        return this;
    }

    /** A page showing these images, by path. */
    public TestSite gallery(String path, String... images) {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><title>gallery</title></head><body>");
        for (String image : images) {
            b.append("<img src=\"").append(image).append("\">");
        }
        return page(path, b.append("</body></html>").toString());
    }

    public int requests() {
        return requests.get();
    }

    public List<byte[]> posted() {
        return List.copyOf(posted);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            if (ex.getRequestMethod().equals("POST")) {
                posted.add(ex.getRequestBody().readAllBytes());
                ex.sendResponseHeaders(202, -1);
                return;
            }
            Resource r = resources.get(ex.getRequestURI().getPath());
            if (r == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", r.type());
            ex.sendResponseHeaders(r.status(), r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
