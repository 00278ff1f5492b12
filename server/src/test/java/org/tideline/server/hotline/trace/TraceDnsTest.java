package org.tideline.server.hotline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production resolver (the JDK's JNDI DNS provider) against a tiny authoritative-style DNS server on a local UDP
 * port, written here from RFC 1035's message format: no internet, no system resolver.
 */
class TraceDnsTest {

    private static final int A = 1;
    private static final int CNAME = 5;
    private static final int AAAA = 28;

    private final Map<String, String> cnames = Map.of(
            "www.shop.example", "shop.example.edgekey.net",
            "shop.example.edgekey.net", "e1.a.akamaiedge.net",
            "loop-a.example", "loop-b.example",
            "loop-b.example", "loop-a.example");
    private final Map<String, List<String>> addresses = Map.of(
            "e1.a.akamaiedge.net", List.of("198.51.100.20", "2001:db8::20"),
            "plain.example", List.of("192.0.2.1"));
    private final List<Integer> queryTypes = new CopyOnWriteArrayList<>();
    private DatagramSocket socket;
    private Thread server;

    @BeforeEach
    void start() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        server = Thread.ofVirtual().start(this::serve);
    }

    @AfterEach
    void stop() {
        socket.close();
    }

    private DnsLookup lookup() {
        return new JndiDnsLookup("dns://127.0.0.1:" + socket.getLocalPort(), Duration.ofMillis(500));
    }

    @Test
    void follows_the_cname_chain_and_asks_a_and_aaaa_of_its_end() throws Exception {
        assertThat(lookup().cnameChain("www.shop.example"))
                .containsExactly("shop.example.edgekey.net", "e1.a.akamaiedge.net");
        queryTypes.clear();
        assertThat(lookup().addresses("www.shop.example"))
                .containsExactly(InetAddress.ofLiteral("198.51.100.20"), InetAddress.ofLiteral("2001:db8::20"));
        // Never an ANY query (type 255): resolvers answer those minimally (RFC 8482).
        assertThat(queryTypes).doesNotContain(255).contains(A, AAAA);
    }

    @Test
    void a_name_without_cname_has_an_empty_chain() throws Exception {
        assertThat(lookup().cnameChain("plain.example")).isEmpty();
        assertThat(lookup().addresses("plain.example")).containsExactly(InetAddress.ofLiteral("192.0.2.1"));
    }

    @Test
    void nxdomain_is_an_unknown_host_without_the_name() {
        assertThatThrownBy(() -> lookup().addresses("missing.example"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessage("no such name");
    }

    @Test
    void a_cname_loop_ends() throws Exception {
        assertThat(lookup().cnameChain("loop-a.example")).containsExactly("loop-b.example");
    }

    @Test
    void a_silent_server_fails_within_the_timeout() {
        DnsLookup silent = new JndiDnsLookup("dns://127.0.0.1:" + socket.getLocalPort(), Duration.ofMillis(200));
        socket.close();
        long start = System.nanoTime();
        assertThatThrownBy(() -> silent.addresses("plain.example"))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("plain.example"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    // --- the server: one question per message, answers from the maps, NXDOMAIN for unknown names ---

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] reply = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private byte[] answer(ByteBuffer query) {
        int id = query.getShort(0) & 0xFFFF;
        query.position(12);
        String name = readName(query).toLowerCase(Locale.ROOT);
        int type = query.getShort() & 0xFFFF;
        query.getShort(); // class
        queryTypes.add(type);
        int questionEnd = query.position();

        boolean exists = cnames.containsKey(name) || addresses.containsKey(name);
        List<byte[]> records = new ArrayList<>();
        if (type == CNAME && cnames.containsKey(name)) {
            records.add(record(CNAME, encodeName(cnames.get(name))));
        }
        if ((type == A || type == AAAA) && addresses.containsKey(name)) {
            for (String literal : addresses.get(name)) {
                byte[] raw = InetAddress.ofLiteral(literal).getAddress();
                if ((raw.length == 4) == (type == A)) {
                    records.add(record(type, raw));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int flags = 0x8400 | (exists ? 0 : 3); // response, authoritative; RCODE 3 = NXDOMAIN
        out.writeBytes(ByteBuffer.allocate(12).putShort((short) id).putShort((short) flags).putShort((short) 1)
                .putShort((short) records.size()).putShort((short) 0).putShort((short) 0).array());
        out.write(query.array(), 12, questionEnd - 12);
        records.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** An answer for the question's name (a compression pointer to offset 12), class IN, TTL 60. */
    private static byte[] record(int type, byte[] data) {
        return ByteBuffer.allocate(12 + data.length).putShort((short) 0xC00C).putShort((short) type)
                .putShort((short) 1).putInt(60).putShort((short) data.length).put(data).array();
    }

    private static String readName(ByteBuffer b) {
        StringBuilder name = new StringBuilder();
        for (int len = b.get() & 0xFF; len != 0; len = b.get() & 0xFF) {
            byte[] label = new byte[len];
            b.get(label);
            name.append(name.isEmpty() ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
        }
        return name.toString();
    }

    private static byte[] encodeName(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }
}
